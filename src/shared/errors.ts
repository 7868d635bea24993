/** A problem the user can fix: bad input, bad options, a bad rule pack. Never a bug. */
export class UserError extends Error {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;

  constructor(message: string, where: { file?: string; line?: number; column?: number } = {}) {
    super(message);
    this.name = 'UserError';
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
  }

  /** `file:line:column: message`, as compilers print it. */
  format(): string {
    const loc = [this.file, this.line, this.column].filter((x) => x !== undefined).join(':');
    return loc ? `${loc}: ${this.message}` : this.message;
  }
}
