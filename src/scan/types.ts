/** One line of text of a draft, where it stands in the file. */
export interface DocLine {
  text: string;
  /** 1-based page (PDF only). */
  page?: number;
  /** 1-based paragraph, counted through the document. */
  paragraph: number;
  /** 1-based line: in the file for .txt/.md/.html, on the page for PDF; absent for .docx, which has no lines. */
  line?: number;
}

export type DraftFormat = 'txt' | 'md' | 'html' | 'docx' | 'pdf';

export interface DraftDocument {
  file: string;
  format: DraftFormat;
  lines: DocLine[];
}

/** A draft that cannot be read: the message says what to do; the scan exits 2. */
export class DraftError extends Error {
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(message);
    this.name = 'DraftError';
  }
}

/** Bounds on what a draft may cost to read. */
export interface DraftLimits {
  /** Largest file read at all. */
  maxBytes: number;
  /** Largest uncompressed part of a .docx (and their sum). */
  maxUnzipped: number;
  /** Most pages of a PDF. */
  maxPages: number;
}

export const DRAFT_LIMITS: DraftLimits = { maxBytes: 20 * 1024 * 1024, maxUnzipped: 32 * 1024 * 1024, maxPages: 500 };
