/** `EUR 1,234.50`, or a dash when unknown. */
export function formatAmount(total: string | null, currency: string | null): string {
  if (total === null) return '—';
  const [whole = '0', cents = '00'] = total.replace('-', '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${total.startsWith('-') ? '-' : ''}${currency ?? ''} ${grouped}.${cents}`.trim();
}
