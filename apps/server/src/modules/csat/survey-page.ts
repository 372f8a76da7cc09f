import type { SurveyView } from './csat-survey-service';

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe to place in HTML, as content or inside a quoted attribute. */
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (character) => escapes[character] ?? character);

/** The five ratings, from 1 to 5, as the page offers them in each display type. */
const ratings = [
  { value: 1, emoji: '😞', meaning: 'Very unhappy' },
  { value: 2, emoji: '😕', meaning: 'Unhappy' },
  { value: 3, emoji: '😐', meaning: 'Neutral' },
  { value: 4, emoji: '😊', meaning: 'Happy' },
  { value: 5, emoji: '😍', meaning: 'Very happy' },
] as const;

const style = `
  :root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  body { margin: 0; background: #f4f6fb; color: #1f2d3d; }
  main { max-width: 32rem; margin: 3rem auto; padding: 2rem; background: #fff; border-radius: 0.75rem;
    box-shadow: 0 1px 4px rgba(31, 45, 61, 0.12); }
  h1 { font-size: 1.1rem; margin: 0 0 1rem; color: #3c4858; }
  .question { font-size: 1.25rem; margin: 0 0 1.5rem; }
  fieldset { border: 0; margin: 0 0 1.5rem; padding: 0; display: flex; gap: 0.5rem; justify-content: center; }
  legend { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  .rating input { position: absolute; opacity: 0; width: 1px; height: 1px; }
  .rating span { display: block; font-size: 2rem; line-height: 1; padding: 0.5rem; border-radius: 0.5rem;
    border: 2px solid transparent; cursor: pointer; filter: grayscale(0.6); }
  .rating.star span { color: #c0ccda; filter: none; }
  .rating input:checked + span { border-color: #1f93ff; filter: none; }
  .rating.star input:checked + span { color: #ffb300; }
  .rating input:focus-visible + span { outline: 2px solid #1f93ff; outline-offset: 2px; }
  .rating input:disabled + span { cursor: default; }
  label.feedback { display: block; font-weight: 600; margin-bottom: 0.5rem; }
  textarea { box-sizing: border-box; width: 100%; min-height: 6rem; padding: 0.75rem; font: inherit;
    border: 1px solid #c0ccda; border-radius: 0.5rem; resize: vertical; }
  button { margin-top: 1rem; width: 100%; padding: 0.75rem; font: inherit; font-weight: 600; color: #fff;
    background: #1f93ff; border: 0; border-radius: 0.5rem; cursor: pointer; }
  button:disabled { background: #8fc9ff; cursor: default; }
  .status { min-height: 1.5rem; margin: 1rem 0 0; }
  .status.error { color: #c62828; }
  .status.done { color: #2e7d32; font-weight: 600; }
`;

/**
 * The page's script: sends the rating and the feedback to the survey operation of this server, then shows the answer
 * as stored, or the error the server gave.
 */
const script = `
  const form = document.getElementById('survey');
  const status = document.getElementById('status');
  const submit = form.querySelector('button');
  function show(text, kind) {
    status.textContent = text;
    status.className = 'status ' + kind;
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const picked = form.querySelector('input[name="rating"]:checked');
    if (!picked) {
      show('Please pick a rating.', 'error');
      return;
    }
    const feedback = form.querySelector('textarea').value.trim();
    const body = {
      message: {
        submitted_values: {
          csat_survey_response: { rating: Number(picked.value), feedback_message: feedback || null },
        },
      },
    };
    submit.disabled = true;
    show('Sending…', '');
    try {
      const response = await fetch('/public/api/v1/csat_survey/' + encodeURIComponent(form.dataset.conversation), {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
      });
      const answer = await response.json().catch(() => ({}));
      if (!response.ok) {
        show(answer.error || answer.message || 'The rating could not be saved. Please try again.', 'error');
        return;
      }
      const stored = answer.csat_survey_response;
      show('Thank you for your feedback! Your rating: ' + stored.rating + ' of 5.', 'done');
    } catch {
      show('The rating could not be sent. Check your connection and try again.', 'error');
    } finally {
      submit.disabled = form.dataset.answerable !== 'true';
    }
  });
`;

function ratingChoices(view: SurveyView): string {
  const stored = view.survey.csat_survey_response?.rating;
  const disabled = view.answerable ? '' : ' disabled';
  const stars = view.survey.display_type === 'star';
  return ratings
    .map(({ value, emoji, meaning }) => {
      const checked = stored === value ? ' checked' : '';
      const face = stars ? '★' : emoji;
      return `<label class="rating${stars ? ' star' : ''}" title="${value} – ${meaning}">
        <input type="radio" name="rating" value="${value}" aria-label="${value} – ${meaning}"${checked}${disabled}>
        <span aria-hidden="true">${face}</span>
      </label>`;
    })
    .join('');
}

function statusLine(view: SurveyView): { text: string; kind: string } {
  const stored = view.survey.csat_survey_response;
  const closedOn = new Date(view.answerableUntil * 1000).toUTCString();
  if (!view.answerable) {
    return {
      text: stored
        ? `Thank you for your feedback! Your rating: ${stored.rating} of 5. This survey closed on ${closedOn}.`
        : `This survey closed on ${closedOn}.`,
      kind: stored ? 'done' : 'error',
    };
  }
  return stored
    ? { text: `Thank you for your feedback! Your rating: ${stored.rating} of 5. You may change it.`, kind: 'done' }
    : { text: '', kind: '' };
}

function document(title: string, body: string, nonce: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">${style}</style>
</head>
<body>
${body}
</body>
</html>`;
}

/**
 * The survey page of a conversation: the inbox's name, the survey's text in the account's language, the ratings and
 * the feedback box, filled with the stored answer when there is one, and read-only once the survey is closed.
 */
export function surveyPage(view: SurveyView, conversationUuid: string, nonce: string): string {
  const { survey } = view;
  const disabled = view.answerable ? '' : ' disabled';
  const status = statusLine(view);
  const feedback = survey.csat_survey_response?.feedback_message ?? '';
  const body = `<main>
  <h1>${escapeHtml(survey.inbox_name)}</h1>
  <form id="survey" data-conversation="${escapeHtml(conversationUuid)}" data-answerable="${view.answerable}">
    <p class="question" lang="${escapeHtml(survey.locale)}">${escapeHtml(survey.content ?? '')}</p>
    <fieldset>
      <legend>Your rating, from 1 (very unhappy) to 5 (very happy)</legend>
      ${ratingChoices(view)}
    </fieldset>
    <label class="feedback" for="feedback">Tell us more (optional)</label>
    <textarea id="feedback" name="feedback" maxlength="10000"${disabled}>${escapeHtml(feedback)}</textarea>
    <button type="submit"${disabled}>Submit</button>
    <p id="status" class="status ${status.kind}" role="status" aria-live="polite">${escapeHtml(status.text)}</p>
  </form>
</main>
<script nonce="${nonce}">${script}</script>`;
  return document(`Rate your conversation with ${survey.inbox_name}`, body, nonce);
}

/** The page a survey link opens when its conversation was never sent a survey. */
export function missingSurveyPage(nonce: string): string {
  return document(
    'Survey not found',
    `<main><h1>Survey not found</h1><p>This link does not lead to a survey. It may be mistyped.</p></main>`,
    nonce,
  );
}
