import { WarningPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';

/**
 * The message the API returned (`{ error: { message } }`), not "Request
 * failed with 500": a ResponseError carries the body it was built from.
 */
export function apiErrorMessage(error: unknown): string {
  const body = (error as { body?: { error?: { message?: unknown } } })?.body;
  const message = body?.error?.message;
  if (typeof message === 'string' && message.trim()) return message;
  if (error instanceof Error && error.message) return error.message;
  return String(error);
}

/** The HTTP status of a failed call, when it got an answer. */
export function apiErrorStatus(error: unknown): number | undefined {
  const status =
    (error as { statusCode?: unknown })?.statusCode ??
    (error as { response?: { status?: unknown } })?.response?.status;
  return typeof status === 'number' ? status : undefined;
}

/** A failed request: what the backend said, and a way to try again. */
export const ApiErrorPanel = (props: {
  /** "Could not load the clusters". */
  title: string;
  error: unknown;
  onRetry?: () => void;
}) => {
  const status = apiErrorStatus(props.error);
  return (
    <WarningPanel
      severity="error"
      defaultExpanded
      title={`${props.title}: ${apiErrorMessage(props.error)}`}
    >
      <Box display="flex" alignItems="center" flexWrap="wrap">
        <Box mr={2}>
          {status
            ? `The Pod IP Capacity backend answered with HTTP ${status}.`
            : 'The Pod IP Capacity backend could not be reached.'}
        </Box>
        {props.onRetry && (
          <Button variant="outlined" size="small" onClick={props.onRetry}>
            Retry
          </Button>
        )}
      </Box>
    </WarningPanel>
  );
};
