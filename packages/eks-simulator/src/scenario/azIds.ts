/** eu-west-1a → euw1-az1: the shape of real AZ ids (the real mapping differs per account). */
export function defaultAzId(az: string): string {
  const m = /^([a-z]+)-([a-z]+)-(\d+)([a-z])$/.exec(az);
  if (!m) return `${az}-id`;
  const dir = m[2].replace(/(north|south|east|west|central)/g, d => d[0]);
  return `${m[1]}${dir}${m[3]}-az${m[4].charCodeAt(0) - 96}`;
}
