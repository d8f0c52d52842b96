/**
 * The LSP lifecycle and cancellation at the message level, for the Node and browser servers alike:
 * requests before `initialize` are answered with ServerNotInitialized and requests after `shutdown`
 * with InvalidRequest; notifications then are dropped (except `exit`); a request cancelled while it
 * still waits in the queue is answered "cancelled" without being run.
 */
import {
  ErrorCodes, LSPErrorCodes, Message, ResponseError, type ConnectionOptions, type Connection, type NotificationMessage, type RequestMessage,
} from 'vscode-languageserver';

/** Where a refused request is routed inside the server, to be answered with its error (never sent). */
const REFUSED = '$/lifecycle/refused';

type State = 'new' | 'running' | 'shutdown';

export interface Lifecycle {
  /** Pass to `createConnection`. */
  options: ConnectionOptions;
  /** Registers the handler that answers refused requests. */
  attach(connection: Connection): void;
}

export function createLifecycle(): Lifecycle {
  let state: State = 'new';
  const refuse = (message: RequestMessage, code: number, text: string): RequestMessage => ({ ...message, method: REFUSED, params: { code, message: `${message.method}: ${text}` } });
  return {
    options: {
      messageStrategy: {
        handleMessage(message, next) {
          if (Message.isRequest(message)) {
            if (message.method === 'initialize') {
              if (state !== 'new') return next(refuse(message, ErrorCodes.InvalidRequest, 'the server is already initialized'));
              state = 'running';
            } else if (state === 'new') {
              return next(refuse(message, ErrorCodes.ServerNotInitialized, 'the server is not initialized'));
            } else if (state === 'shutdown') {
              return next(refuse(message, ErrorCodes.InvalidRequest, 'the server is shutting down'));
            } else if (message.method === 'shutdown') {
              state = 'shutdown';
            }
          } else if (Message.isNotification(message)) {
            const method = (message as NotificationMessage).method;
            if (method !== 'exit' && (state === 'new' || state === 'shutdown')) return;
          }
          return next(message);
        },
      },
      connectionStrategy: {
        cancelUndispatched: message => ({ jsonrpc: '2.0', id: (message as RequestMessage).id, error: new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled before it ran').toJson() }),
      },
    },
    attach(connection) {
      connection.onRequest(REFUSED, (p: { code: number; message: string }) => new ResponseError(p.code, p.message));
    },
  };
}
