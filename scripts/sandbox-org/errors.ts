/** One error as the REST API reports it: `[{ message, errorCode, fields }]` for a request, `{ statusCode, message, fields }` inside a save result. */
export class SfError extends Error {
  constructor(
    readonly errorCode: string,
    message: string,
    readonly status = 400,
    readonly fields: string[] = []
  ) {
    super(message);
    this.name = errorCode;
  }

  toBody(): Array<{ message: string; errorCode: string; fields?: string[] }> {
    return [{ message: this.message, errorCode: this.errorCode, fields: this.fields }];
  }

  toSaveError(): SaveError {
    return { statusCode: this.errorCode, message: this.message, fields: this.fields };
  }
}

export interface SaveError {
  statusCode: string;
  message: string;
  fields: string[];
}

/** A request that fails as a whole with several errors (e.g. two validation rules), like the platform's error array. */
export class SfErrors extends Error {
  constructor(
    readonly errors: SaveError[],
    readonly status = 400
  ) {
    super(errors.map((e) => `${e.statusCode}: ${e.message}`).join('; '));
  }

  toBody(): Array<{ message: string; errorCode: string; fields: string[] }> {
    return this.errors.map((e) => ({ message: e.message, errorCode: e.statusCode, fields: e.fields }));
  }
}

export const notFound = (): SfError => new SfError('NOT_FOUND', 'The requested resource does not exist', 404);
export const malformedQuery = (what: string): SfError => new SfError('MALFORMED_QUERY', what, 400);
export const invalidSession = (): SfError =>
  new SfError('INVALID_SESSION_ID', 'Session expired or invalid', 401);
