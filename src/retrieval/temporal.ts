/** Questions about time: "when…", "what year/month/day/date…", "how long ago…". */
const ASKS_WHEN = /\b(when|what (year|month|day|date|time)|which (year|month|day|date)|how long ago)\b/i;

const WEEKDAYS = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend';
/** Words and forms that place something in time: "yesterday", "last week", "2022", "3 days ago". */
const SAYS_WHEN = new RegExp(
  [
    '\\b(yesterday|today|tonight|tomorrow|recently|ago)\\b',
    `\\b(last|next|this|past|coming) (${WEEKDAYS}|week|month|year|summer|winter|spring|fall|autumn|night|time)\\b`,
    `\\b(${WEEKDAYS})s?\\b`,
    '\\b(19|20)\\d{2}\\b',
    '\\b\\d{1,2}/\\d{1,2}(/\\d{2,4})?\\b',
  ].join('|'),
  'i',
);
/** Month names, capitalised so that "may" the verb does not count. */
const MONTH = /\b(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b/;

export function asksWhen(query: string): boolean {
  return ASKS_WHEN.test(query);
}

export function saysWhen(text: string): boolean {
  return SAYS_WHEN.test(text) || MONTH.test(text);
}
