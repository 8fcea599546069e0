import http from 'node:http';
import { AwsError } from './errors';
import { STS_NAMESPACE } from './stsActions';
import { escapeXml } from './xml';

export type Service = 'ec2' | 'sts';

export const EC2_NAMESPACE = 'http://ec2.amazonaws.com/doc/2016-11-15/';

export function sendXml(
  res: http.ServerResponse,
  status: number,
  xml: string,
  requestId: string,
) {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`;
  res.writeHead(status, {
    'content-type': 'text/xml;charset=UTF-8',
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': requestId,
    server: 'AmazonEC2',
  });
  res.end(body);
}

export function sendJson(
  res: http.ServerResponse,
  status: number,
  value: unknown,
) {
  const body = JSON.stringify(value, null, 2);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** `<ActionResponse>` in EC2's shape: the request id first, then the action's elements. */
export function sendEc2Result(
  res: http.ServerResponse,
  action: string,
  inner: string,
  requestId: string,
) {
  sendXml(
    res,
    200,
    `<${action}Response xmlns="${EC2_NAMESPACE}"><requestId>${requestId}</requestId>${inner}</${action}Response>`,
    requestId,
  );
}

/** `<ActionResponse>` in STS's shape: the result, then `ResponseMetadata`. */
export function sendStsResult(
  res: http.ServerResponse,
  action: string,
  inner: string,
  requestId: string,
) {
  sendXml(
    res,
    200,
    `<${action}Response xmlns="${STS_NAMESPACE}">${inner}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`,
    requestId,
  );
}

/** An error in the service's own envelope: STS `ErrorResponse`, EC2 `Response/Errors`. */
export function sendAwsError(
  res: http.ServerResponse,
  service: Service,
  error: AwsError,
  requestId: string,
) {
  const code = escapeXml(error.code);
  const message = escapeXml(error.message);
  if (service === 'sts') {
    const type = error.status >= 500 ? 'Receiver' : 'Sender';
    sendXml(
      res,
      error.status,
      `<ErrorResponse xmlns="${STS_NAMESPACE}"><Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
      requestId,
    );
  } else {
    sendXml(
      res,
      error.status,
      `<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`,
      requestId,
    );
  }
}
