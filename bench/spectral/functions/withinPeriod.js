// Custom Spectral function for bench/spectral/.spectral.yaml (rule dfcu-8.3-calendar):
// the part of rules/dfcu-2023/calendar.cadre that core functions cannot express, because
// it compares values of the document with each other:
//
//   present(start) and present(end) implies start <= end
//   present(start) and present(end) implies all(d in virtual_classes, d between start and end)
//   present(start) and present(end) implies all(d in assessments, d between start and end)
//
// Dates are ISO 8601 strings (Spectral's YAML parser keeps 2025-01-13 as a string). As in
// cadre, a date and a date-time compare on the day only: a virtual class on
// 2025-03-07T18:00 is within a course that ends on 2025-03-07.

const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/;

const isDate = (v) => typeof v === 'string' && DATE.test(v);

// Negative, zero or positive as a is before, on or after b.
function compare(a, b) {
  if (a.length !== b.length) {
    a = a.slice(0, 10);
    b = b.slice(0, 10);
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

export default function withinPeriod(calendar) {
  if (calendar === null || typeof calendar !== 'object') return [];
  const { start, end } = calendar;
  if (!isDate(start) || !isDate(end)) return []; // presence is checked by the schema entries
  const results = [];
  if (compare(start, end) > 0) {
    results.push({ message: `the end (${end}) comes before the start (${start})`, path: ['calendar', 'end'] });
  }
  for (const key of ['virtual_classes', 'assessments']) {
    const dates = calendar[key];
    if (!Array.isArray(dates)) continue;
    dates.forEach((d, i) => {
      if (!isDate(d)) {
        results.push({ message: `${JSON.stringify(d)} is not a date`, path: ['calendar', key, i] });
      } else if (compare(d, start) < 0 || compare(d, end) > 0) {
        results.push({
          message: `${d} falls outside the period from ${start} to ${end}`,
          path: ['calendar', key, i],
        });
      }
    });
  }
  return results;
}
