// Messages between the scanner and its worker threads.
import type { FileResult } from './scan_file';

export interface WorkerInit {
  root: string;
  maxFileBytes: number;
  ignoreText: string;
  gitignore: boolean;
}

export type WorkerRequest =
  | { type: 'scan'; id: number; files: string[] }
  | { type: 'ignore'; ignoreText: string }
  /** Walk the whole root in the worker too, streaming results (the extension host does no walking). */
  | { type: 'walk'; id: number };

export interface WorkerReply {
  id: number;
  results: FileResult[];
  /** Set on the last reply of a 'walk'. */
  done?: boolean;
}
