import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Tesseract from 'tesseract.js';

/**
 * One long-lived tesseract.js worker, created on first use and reused: starting one loads the WASM
 * core and the English, German and French LSTM models; recognising a page takes one to three
 * seconds. Jobs run one at a time, each with its own parameters. The models come from the
 * `@tesseract.js-data/*` packages on disk: nothing is fetched and nothing is cached to disk.
 */

export interface OcrEngine {
  /** Recognises an encoded image (PGM, PNG, JPEG) with these tesseract parameters. */
  recognise(image: Uint8Array, parameters: Readonly<Record<string, string>>): Promise<Tesseract.Page>;
  /** Stops the worker, if one was started; a later `recognise` starts a new one. */
  terminate(): Promise<void>;
}

/** The languages Tower's sample invoices use; each model is a `@tesseract.js-data/<lang>` package. */
export const ocrLanguages = ['eng', 'deu', 'fra'] as const;

/**
 * tesseract.js loads every language from one `langPath`, while each model ships in its own package:
 * a private directory links them side by side (the `best_int` LSTM models tesseract.js itself uses).
 */
function modelDirectory(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tower-ocr-'));
  const require = createRequire(import.meta.url);
  for (const lang of ocrLanguages) {
    const file = `${lang}.traineddata.gz`;
    const source = join(
      dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`)),
      '4.0.0_best_int',
      file,
    );
    symlinkSync(source, join(dir, file));
  }
  return dir;
}

/**
 * A local `langPath` keeps tesseract.js off the network (it downloads from a CDN without one), and
 * `cacheMethod: 'none'` keeps it from writing an unzipped copy of the model into the working
 * directory. Without an `errorHandler`, tesseract.js rethrows a failed job's error inside its
 * message listener, an uncaught exception that would end the process; the job's promise still rejects.
 */
export function workerOptions(langPath: string) {
  return {
    langPath,
    cachePath: langPath,
    cacheMethod: 'none',
    gzip: true,
    errorHandler: () => undefined,
  } as const;
}

export function createOcrEngine(): OcrEngine {
  let worker: Promise<Tesseract.Worker> | undefined;
  let models: string | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const started = () => {
    models ??= modelDirectory();
    worker ??= Tesseract.createWorker(
      ocrLanguages.join('+'),
      Tesseract.OEM.LSTM_ONLY,
      workerOptions(models),
    ).catch((error: unknown) => {
      worker = undefined;
      throw error;
    });
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
        if (models) rmSync(models, { recursive: true, force: true });
        models = undefined;
      }),
  };
}
