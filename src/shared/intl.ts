// Dates and numbers in the conventions of a report's language (Intl), for the
// formatters (src/formatters/say.ts) and the notes the engine writes. English
// keeps the plain forms the English reports have always had.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** An ISO date (YYYY-MM-DD) as the language writes it; English, and anything not an ISO date, as it is. */
export function formatDate(lang: string, iso: string): string {
  if (lang === 'en' || !ISO_DATE.test(iso)) return iso;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** A number with the language's separators; English keeps the plain form. */
export function formatNumber(lang: string, n: number, maximumFractionDigits = 20): string {
  if (lang === 'en' || !Number.isFinite(n)) return String(n);
  return new Intl.NumberFormat(lang, { maximumFractionDigits }).format(n);
}
