// Months as "YYYY-MM" strings, for the period control and the timelines.

/** "2020-11-26", "2020-11" or "2020" → "2020-11" (a year alone → its January, or December at the end). */
export function toMonth(date, atEnd = false) {
  if (!date) return null;
  if (date.length >= 7) return date.slice(0, 7);
  return `${date.slice(0, 4)}-${atEnd ? '12' : '01'}`;
}

export function monthIndex(month) {
  const [y, m] = month.split('-').map(Number);
  return y * 12 + (m - 1);
}

export function monthAt(index) {
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

export function monthRange(first, last) {
  const out = [];
  for (let i = monthIndex(first); i <= monthIndex(last); i++) out.push(monthAt(i));
  return out;
}

export function lastDayOfMonth(month) {
  const [y, m] = month.split('-').map(Number);
  const day = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
}
