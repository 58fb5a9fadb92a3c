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
 * Sends a body with XMLHttpRequest and resolves with its JSON answer: fetch() cannot report
 * upload progress, and a progress bar per file is the point. The one request both the
 * one-request upload and each part of a chunked upload go through.
 */
export function sendWithProgress<T>(method: 'POST' | 'PUT', url: string, body: XMLHttpRequestBodyInit, headers: Record<string, string>, onLoaded: (e: ProgressEvent) => void, xhr = new XMLHttpRequest()): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    xhr.open(method, url);
    xhr.responseType = 'text';
    xhr.setRequestHeader('accept', 'application/json');
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = onLoaded;
    xhr.onload = () => {
      let answer: unknown = null;
      try {
        answer = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        answer = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(answer as T);
      noteLoginLost(url, xhr.status);
      reject(failureFrom(xhr.status, answer));
    };
    xhr.onerror = () => reject(new ApiFailure(0, 'network', 'Network error'));
    xhr.onabort = () => reject(new ApiFailure(0, 'aborted', 'Cancelled'));
    xhr.send(body);
  });
}

/** Sends one file as multipart (field "file", extra fields first), with its progress. */
export function uploadFile<T>(method: 'POST' | 'PUT', url: string, file: File, fields: Record<string, string>, onProgress: (p: UploadProgress) => void): UploadHandle<T> {
  const xhr = new XMLHttpRequest();
  const form = new FormData();
  // The server reads "sessionId" before the files: it must come first in the body.
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', file, file.name);
  const done = sendWithProgress<T>(method, url, form, {}, (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size }), xhr);
  return { done, abort: () => xhr.abort() };
}
