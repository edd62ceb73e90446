import type { ServerResponse } from 'node:http';
import { type ErrorCode, errorBody } from '../errors';

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** Answers with one error, in the shape GraphQL clients read, before (or instead of) any GraphQL. */
export function sendError(res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  sendJson(res, status, errorBody(code, message));
}
