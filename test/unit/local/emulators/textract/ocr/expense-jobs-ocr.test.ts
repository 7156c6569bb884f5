import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { expenseReader } from '../../../../../../lambdas/processes/invoice/textract-stand-in/index.ts';
import { ExpenseJobs } from '../../../../../../local/emulators/textract/expense-jobs.ts';
import type { Recogniser } from '../../../../../../local/emulators/textract/ocr.ts';
import type { PageText } from '../../../../../../local/emulators/textract/pdf-text.ts';

/** StartExpenseAnalysis on a PDF mixing text pages and scanned pages: OCR reads the scans, by number. */

const scanned: PageText = {
  width: 600,
  height: 800,
  runs: [
    {
      text: 'Total: $12.50',
      quad: [
        { x: 300, y: 400 },
        { x: 400, y: 400 },
        { x: 400, y: 412 },
        { x: 300, y: 412 },
      ],
      fontSize: 10,
      confidence: 91,
    },
  ],
};

describe('ExpenseJobs with a recogniser', () => {
  it('reads a text page from its layer and asks OCR for the scanned page alone', async () => {
    // Prepare: page 1 has text, page 2 only a drawing (a scan has no text layer either).
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.addPage([600, 800]).drawText('Subtotal: $10.00', { x: 300, y: 400, size: 10, font });
    doc.addPage([600, 800]).drawRectangle({ x: 50, y: 50, width: 100, height: 100 });
    const asked: (number | undefined)[] = [];
    const recognise: Recogniser = async (_kind, _bytes, page) => {
      asked.push(page);
      return scanned;
    };
    const jobs = new ExpenseJobs({ recognise, reader: expenseReader }, async () => undefined);

    // Act
    const jobId = jobs.start({ bytes: await doc.save(), location: { bucket: 'b', name: 'k.pdf' } });
    let result = jobs.get(jobId);
    for (let i = 0; i < 100 && result.JobStatus === 'IN_PROGRESS'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      result = jobs.get(jobId);
    }

    // Assess
    expect(asked).toEqual([2]);
    const fields = (result.ExpenseDocuments ?? []).map((d) =>
      (d.SummaryFields ?? []).map((f) => [
        f.PageNumber,
        f.Type?.Text,
        f.ValueDetection?.Text,
        f.ValueDetection?.Confidence,
      ]),
    );
    expect(fields).toEqual([[[1, 'SUBTOTAL', '$10.00', 99]], [[2, 'TOTAL', '$12.50', 91]]]);
  });
});
