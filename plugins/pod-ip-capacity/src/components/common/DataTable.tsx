import Box from '@material-ui/core/Box';
import IconButton from '@material-ui/core/IconButton';
import LinearProgress from '@material-ui/core/LinearProgress';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import TextField from '@material-ui/core/TextField';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ChevronRightIcon from '@material-ui/icons/ChevronRight';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { memo, ReactNode, useCallback, useMemo, useState } from 'react';
import { fmt } from './format';
import { Explained } from './glossary';

export type SortOrder = 'asc' | 'desc';

export interface DataColumn<T> {
  id: string;
  title: ReactNode;
  /** An explanation of what the column counts, shown as the header's tooltip. */
  help?: string;
  align?: 'left' | 'right';
  /** Sortable on the client by this value. */
  sortValue?: (row: T) => string | number;
  /** Sortable on the server (remote tables): the sort key to ask for. */
  sortKey?: string;
  /** The order a first click sorts in (numbers: descending). */
  firstOrder?: SortOrder;
  render: (row: T) => ReactNode;
  nowrap?: boolean;
}

/** What a row opens to. */
export interface DataDetail<T> {
  /** "the per-ENI report of i-0123": the expand button says "Show …" / "Hide …". */
  label: (row: T) => string;
  render: (row: T) => ReactNode;
}

export interface SortState {
  column: string;
  order: SortOrder;
}

const useStyles = makeStyles(theme => ({
  root: {
    // A visible focus ring on everything reachable by keyboard.
    '& .MuiButtonBase-root.Mui-focusVisible, & a:focus-visible, & [tabindex="0"]:focus-visible, & input:focus-visible':
      {
        outline: `2px solid ${theme.palette.primary.main}`,
        outlineOffset: 2,
      },
  },
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    padding: theme.spacing(2, 2, 1, 2),
  },
  title: { flexGrow: 1 },
  scroll: {
    overflowX: 'auto',
    '& th, & td': { padding: theme.spacing(0.75, 1) },
    '& th:first-child, & td:first-child': { paddingLeft: theme.spacing(2) },
  },
  nowrap: { whiteSpace: 'nowrap' },
  expandCell: { width: 40 },
  detailCell: {
    padding: 0,
    backgroundColor: theme.palette.background.default,
  },
  visuallyHidden: {
    border: 0,
    clip: 'rect(0 0 0 0)',
    height: 1,
    margin: -1,
    overflow: 'hidden',
    padding: 0,
    position: 'absolute',
    width: 1,
    whiteSpace: 'nowrap',
  },
}));

const ARIA_SORT: Record<SortOrder, 'ascending' | 'descending'> = {
  asc: 'ascending',
  desc: 'descending',
};

let tables = 0;
/** A stable id per table (React 16 and 17 have no `useId`). */
function useTableId(): string {
  const [id] = useState(() => `pod-ip-capacity-table-${++tables}`);
  return id;
}

function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), 'en-US', { numeric: true });
}

/**
 * One data row and, when open, its detail. Rendered again only when what it
 * shows changed: typing into the table's filter or a new page elsewhere does
 * not render every row again, when the owner keeps `columns` and `detail`
 * the same between renders (`NodesTable` does).
 */
function DataRowOf<T>(props: {
  row: T;
  rowKey: string;
  isOpen: boolean;
  selected: boolean;
  columns: DataColumn<T>[];
  detail?: DataDetail<T>;
  testId?: string;
  detailId: string;
  onToggle: (key: string) => void;
}) {
  const classes = useStyles();
  const { row, rowKey, isOpen, columns, detail, detailId, onToggle } = props;
  return (
    <>
      <TableRow data-testid={props.testId} selected={props.selected} hover>
        {detail && (
          <TableCell className={classes.expandCell}>
            <IconButton
              size="small"
              aria-label={`${isOpen ? 'Hide' : 'Show'} ${detail.label(row)}`}
              aria-expanded={isOpen}
              aria-controls={isOpen ? detailId : undefined}
              onClick={() => onToggle(rowKey)}
            >
              {isOpen ? <ExpandMoreIcon /> : <ChevronRightIcon />}
            </IconButton>
          </TableCell>
        )}
        {columns.map(column => (
          <TableCell
            key={column.id}
            align={column.align}
            className={column.nowrap ? classes.nowrap : undefined}
          >
            {column.render(row)}
          </TableCell>
        ))}
      </TableRow>
      {detail && isOpen && (
        <TableRow>
          <TableCell
            id={detailId}
            // The expand button's cell and every column.
            colSpan={columns.length + 1}
            className={classes.detailCell}
          >
            {detail.render(row)}
          </TableCell>
        </TableRow>
      )}
    </>
  );
}
const DataRow = memo(DataRowOf) as typeof DataRowOf;

/**
 * A table with the keyboard in mind: each sortable header is one tab stop
 * (its sort button, which carries the column's explanation), each row's
 * expand button names its row and says whether it is open, and focus rings
 * show. Sorts, filters and pages on the client, or — with `remote` — leaves
 * that to its owner (server-side paging).
 */
export function DataTable<T>(props: {
  title: ReactNode;
  columns: DataColumn<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  testId?: string;
  emptyText?: ReactNode;
  /** Controls beside the filter (a cluster select). */
  toolbar?: ReactNode;
  filter?: {
    label: string;
    /** Client-side match; without it the owner filters (`value` / `onChange`). */
    match?: (row: T, text: string) => boolean;
    value?: string;
    onChange?: (value: string) => void;
  };
  defaultSort?: SortState;
  sort?: SortState;
  onSortChange?: (sort: SortState) => void;
  pageSize?: number;
  /** Server-side paging: `rows` are the page; `total` all matching rows. */
  remote?: {
    total: number;
    page: number;
    onPageChange: (page: number) => void;
    onPageSizeChange?: (pageSize: number) => void;
    loading?: boolean;
  };
  detail?: DataDetail<T>;
  rowTestId?: (row: T) => string;
  selectedKey?: string;
  /** Rows after the data rows, never sorted or paged (a "not attributed" row). */
  extraRows?: ReactNode;
  caption?: ReactNode;
}) {
  const classes = useStyles();
  const {
    columns,
    rows,
    rowKey,
    filter,
    remote,
    detail,
    pageSize: initialPageSize = 10,
  } = props;
  const titleId = useTableId();
  const [internalSort, setInternalSort] = useState<SortState | undefined>(
    props.defaultSort,
  );
  const sort = props.sort ?? internalSort;
  const [internalFilter, setInternalFilter] = useState('');
  const filterText = filter?.value ?? internalFilter;
  const [internalPage, setInternalPage] = useState(0);
  const [pageSize, setPageSize] = useState(initialPageSize);
  const [open, setOpen] = useState<Set<string>>(new Set());

  const shown = useMemo(() => {
    if (remote) return rows;
    let result = rows;
    if (filter?.match && filterText.trim()) {
      const text = filterText.trim().toLocaleLowerCase('en-US');
      result = result.filter(r => filter.match!(r, text));
    }
    const column = columns.find(c => c.id === sort?.column);
    if (column?.sortValue && sort) {
      const value = column.sortValue;
      const sign = sort.order === 'desc' ? -1 : 1;
      result = [...result].sort(
        (a, b) => sign * compareValues(value(a), value(b)),
      );
    }
    return result;
  }, [rows, remote, filter, filterText, columns, sort]);

  const total = remote ? remote.total : shown.length;
  const page = remote
    ? remote.page
    : Math.min(internalPage, Math.max(0, Math.ceil(total / pageSize) - 1));
  const pageRows = remote
    ? shown
    : shown.slice(page * pageSize, page * pageSize + pageSize);
  const paged = total > pageSize || page > 0;

  const changeSort = (column: DataColumn<T>) => {
    let order: SortOrder = column.firstOrder ?? 'asc';
    if (sort?.column === column.id) {
      order = sort.order === 'asc' ? 'desc' : 'asc';
    }
    const next = { column: column.id, order };
    setInternalSort(next);
    props.onSortChange?.(next);
    if (!remote) setInternalPage(0);
  };

  const toggle = useCallback(
    (key: string) =>
      setOpen(prev => {
        const next = new Set(prev);
        if (next.has(key)) next.delete(key);
        else next.add(key);
        return next;
      }),
    [],
  );

  const columnCount = columns.length + (detail ? 1 : 0);

  return (
    <Paper className={classes.root} data-testid={props.testId}>
      <div className={classes.toolbar}>
        <Typography
          variant="h6"
          component="h3"
          id={titleId}
          className={classes.title}
        >
          {props.title}
        </Typography>
        {props.toolbar}
        {filter && (
          <TextField
            id={`${titleId}-filter`}
            size="small"
            variant="outlined"
            label={filter.label}
            value={filterText}
            onChange={e => {
              if (filter.onChange) filter.onChange(e.target.value);
              else setInternalFilter(e.target.value);
              if (!remote) setInternalPage(0);
            }}
          />
        )}
      </div>
      {props.caption && (
        <Box px={2} pb={1}>
          {props.caption}
        </Box>
      )}
      {remote?.loading && <LinearProgress aria-label="Loading rows" />}
      <div className={classes.scroll}>
        <Table size="small" aria-labelledby={titleId}>
          <TableHead>
            <TableRow>
              {detail && (
                <TableCell className={classes.expandCell}>
                  <span className={classes.visuallyHidden}>Details</span>
                </TableCell>
              )}
              {columns.map(column => {
                const sortable = remote ? !!column.sortKey : !!column.sortValue;
                const active = sort?.column === column.id;
                let label: ReactNode = column.title;
                if (sortable) {
                  const button = (
                    <TableSortLabel
                      active={active}
                      direction={active ? sort!.order : column.firstOrder}
                      onClick={() => changeSort(column)}
                    >
                      {column.title}
                    </TableSortLabel>
                  );
                  label = column.help ? (
                    <Tooltip title={column.help}>{button}</Tooltip>
                  ) : (
                    button
                  );
                } else if (column.help) {
                  label = (
                    <Explained title={column.help}>{column.title}</Explained>
                  );
                }
                return (
                  <TableCell
                    key={column.id}
                    align={column.align}
                    className={classes.nowrap}
                    aria-sort={active ? ARIA_SORT[sort!.order] : undefined}
                  >
                    {label}
                  </TableCell>
                );
              })}
            </TableRow>
          </TableHead>
          <TableBody>
            {pageRows.length === 0 && !props.extraRows && (
              <TableRow>
                <TableCell colSpan={columnCount}>
                  <Typography variant="body2" color="textSecondary">
                    {props.emptyText ?? 'Nothing to show.'}
                  </Typography>
                </TableCell>
              </TableRow>
            )}
            {pageRows.map((row, i) => {
              const key = rowKey(row);
              return (
                <DataRow<T>
                  // A server's page is a new set of rows in the same slots:
                  // keyed by position, React updates the rows in place
                  // instead of building every row of the next page anew
                  // (the largest part of a page turn in the browser's
                  // profile). What is open stays per row (`open` holds row
                  // keys).
                  key={remote ? `slot-${i}` : key}
                  row={row}
                  rowKey={key}
                  isOpen={open.has(key)}
                  selected={props.selectedKey === key}
                  columns={columns}
                  detail={detail}
                  testId={props.rowTestId?.(row)}
                  detailId={`${titleId}-detail-${key}`}
                  onToggle={toggle}
                />
              );
            })}
            {props.extraRows}
          </TableBody>
        </Table>
      </div>
      {paged && (
        <TablePagination
          component="div"
          count={total}
          page={page}
          rowsPerPage={pageSize}
          rowsPerPageOptions={[10, 20, 50, 100]}
          labelDisplayedRows={({ from, to, count }) =>
            `${fmt(from)}–${fmt(to)} of ${fmt(count)}`
          }
          onPageChange={(_e, next) => {
            if (remote) remote.onPageChange(next);
            else setInternalPage(next);
          }}
          onRowsPerPageChange={e => {
            const size = Number(e.target.value);
            setPageSize(size);
            if (remote) {
              remote.onPageSizeChange?.(size);
              remote.onPageChange(0);
            } else setInternalPage(0);
          }}
        />
      )}
    </Paper>
  );
}
