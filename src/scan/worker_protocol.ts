// Messages between the scan pool and its worker threads.
import type { FileResult } from './scan_file';

export interface WorkerInit {
  root: string;
  maxFileBytes: number;
  ignoreText: string;
}

export type WorkerRequest = { type: 'scan'; id: number; files: string[] } | { type: 'ignore'; ignoreText: string };

export interface WorkerReply {
  id: number;
  results: FileResult[];
}
