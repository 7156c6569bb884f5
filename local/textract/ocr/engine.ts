import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Tesseract from 'tesseract.js';

/**
 * One long-lived tesseract.js worker, created on first use and reused: starting one loads the WASM
 * core and the English LSTM model (about half a second); recognising a page takes one to three
 * seconds. Jobs run one at a time, each with its own parameters. The model comes from the
 * `@tesseract.js-data/eng` package on disk: nothing is fetched and nothing is cached to disk.
 */

export interface OcrEngine {
  /** Recognises an encoded image (PGM, PNG, JPEG) with these tesseract parameters. */
  recognise(image: Uint8Array, parameters: Readonly<Record<string, string>>): Promise<Tesseract.Page>;
  /** Stops the worker, if one was started; a later `recognise` starts a new one. */
  terminate(): Promise<void>;
}

/** The English LSTM model (`best_int`), what tesseract.js itself loads for OEM.LSTM_ONLY. */
const modelDirectory = join(
  dirname(createRequire(import.meta.url).resolve('@tesseract.js-data/eng/package.json')),
  '4.0.0_best_int',
);

/**
 * A local `langPath` keeps tesseract.js off the network (it downloads from a CDN without one), and
 * `cacheMethod: 'none'` keeps it from writing an unzipped copy of the model into the working
 * directory. Without an `errorHandler`, tesseract.js rethrows a failed job's error inside its
 * message listener, an uncaught exception that would end the process; the job's promise still rejects.
 */
export const workerOptions = {
  langPath: modelDirectory,
  cachePath: modelDirectory,
  cacheMethod: 'none',
  gzip: true,
  errorHandler: () => undefined,
} as const;

export function createOcrEngine(): OcrEngine {
  let worker: Promise<Tesseract.Worker> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const started = () => {
    worker ??= Tesseract.createWorker('eng', Tesseract.OEM.LSTM_ONLY, workerOptions).catch(
      (error: unknown) => {
        worker = undefined;
        throw error;
      },
    );
    return worker;
  };
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job, job);
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    recognise: (image, parameters) =>
      serial(async () => {
        const w = await started();
        await w.setParameters(parameters);
        const { data } = await w.recognize(Buffer.from(image), {}, { blocks: true, text: false });
        return data;
      }),
    terminate: () =>
      serial(async () => {
        const current = worker;
        worker = undefined;
        if (current !== undefined) await (await current).terminate();
      }),
  };
}
