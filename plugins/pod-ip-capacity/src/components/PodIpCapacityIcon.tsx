import SvgIcon, { SvgIconProps } from '@material-ui/core/SvgIcon';

/** A stack of address blocks: the /28 prefixes pods take their IPs from. */
export const PodIpCapacityIcon = (props: SvgIconProps) => (
  <SvgIcon {...props} viewBox="0 0 24 24">
    <path d="M3 4h8v4H3zM13 4h8v4h-8zM3 10h8v4H3zM13 10h4v4h-4zM3 16h8v4H3z" />
  </SvgIcon>
);
