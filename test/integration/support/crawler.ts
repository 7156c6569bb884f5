import { open, type Page, post } from './approval-page.ts';

interface Form {
  readonly fields: Record<string, string>;
  readonly buttons: { readonly name: string; readonly value: string }[];
}

/** Every form on a page, with its hidden and text fields and each submit button. */
export function formsOf(html: string): Form[] {
  return [...html.matchAll(/<form[^>]*>([\s\S]*?)<\/form>/g)].map((m) => {
    const body = m[1] ?? '';
    const fields: Record<string, string> = {};
    for (const [tag] of body.matchAll(/<input[^>]*>/g)) {
      const name = /name="([^"]+)"/.exec(tag)?.[1];
      if (name) fields[name] = /value="([^"]*)"/.exec(tag)?.[1] ?? '';
    }
    for (const area of body.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g))
      fields[area[1] ?? ''] = area[2] ?? '';
    const buttons = [...body.matchAll(/<button[^>]*name="([^"]+)"[^>]*value="([^"]*)"[^>]*>/g)].map((b) => ({
      name: b[1] ?? '',
      value: b[2] ?? '',
    }));
    return { fields, buttons };
  });
}

/**
 * A mail security scanner at its most aggressive: opens the link, then submits every form with every
 * button it finds, following each answer the same way, as fast as it can.
 */
export async function crawl(link: string, depth = 4): Promise<Page[]> {
  const seen: Page[] = [];
  const visit = async (page: Page, level: number): Promise<void> => {
    seen.push(page);
    if (level >= depth) return;
    for (const form of formsOf(page.html)) {
      const submissions =
        form.buttons.length > 0
          ? form.buttons.map((b) => ({ ...form.fields, [b.name]: b.value }))
          : [form.fields];
      for (const fields of submissions)
        await visit(await post(link, fields, 'SafeLinks-Scanner/1.0'), level + 1);
    }
  };
  await visit(await open(link), 0);
  return seen;
}
