import { ApiFailure, failureFrom, noteLoginLost } from './client';

export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface UploadHandle<T> {
  done: Promise<T>;
  abort(): void;
}

/**
 * Sends one file as multipart (field "file", extra fields first) with XMLHttpRequest:
 * fetch() cannot report upload progress, and a progress bar per file is the point.
 */
export function uploadFile<T>(method: 'POST' | 'PUT', url: string, file: File, fields: Record<string, string>, onProgress: (p: UploadProgress) => void): UploadHandle<T> {
  const xhr = new XMLHttpRequest();
  const done = new Promise<T>((resolve, reject) => {
    const form = new FormData();
    // The server reads "sessionId" before the files: it must come first in the body.
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', file, file.name);
    xhr.open(method, url);
    xhr.responseType = 'text';
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as T);
      noteLoginLost(url, xhr.status);
      reject(failureFrom(xhr.status, body));
    };
    xhr.onerror = () => reject(new ApiFailure(0, 'network', 'Network error'));
    xhr.onabort = () => reject(new ApiFailure(0, 'aborted', 'Cancelled'));
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}
