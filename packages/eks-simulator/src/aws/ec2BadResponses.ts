import http from 'node:http';
import { echoRequest } from '../faults/echoRequest';
import { Ec2BadResponseMode } from '../scenario/types';
import { sendEc2Result } from './awsResponses';
import { emptyResultOf } from './ec2/emptyResults';

/** What an AWS load balancer in front of a broken backend answers (ELB's own page). */
export const HTML_502_PAGE =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n';

/** A corporate proxy's sign-in page, answered with 200 in place of the API. */
export const HTML_200_PAGE =
  '<!DOCTYPE html>\n<html><head><title>Sign in to continue</title></head><body><h1>Web access</h1><p>Sign in to continue to this site.</p><form method="post" action="/login"><input name="username"><input name="password" type="password"><button>Sign in</button></form></body></html>\n';

function sendRaw(
  res: http.ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string,
) {
  res.writeHead(status, {
    ...headers,
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/**
 * A `badResponse` fault's answer to an EC2 call, in place of the real one (`internalError`
 * is EC2's own error and goes through the error envelope instead).
 */
export function sendEc2BadResponse(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  mode: Exclude<Ec2BadResponseMode, 'internalError'>,
  action: string,
  requestId: string,
) {
  switch (mode) {
    case 'html502':
      sendRaw(
        res,
        502,
        { 'content-type': 'text/html', server: 'awselb/2.0' },
        HTML_502_PAGE,
      );
      return;
    case 'echo502':
      sendRaw(
        res,
        502,
        { 'content-type': 'text/plain; charset=utf-8' },
        echoRequest(req),
      );
      return;
    case 'html200':
      sendRaw(
        res,
        200,
        { 'content-type': 'text/html; charset=utf-8' },
        HTML_200_PAGE,
      );
      return;
    case 'empty200':
      sendRaw(res, 200, { 'content-type': 'text/xml;charset=UTF-8' }, '');
      return;
    default:
      sendEc2Result(res, action, emptyResultOf(action), requestId);
  }
}
