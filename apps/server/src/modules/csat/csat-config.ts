import type { Schemas } from '../../http/schemas';

/** An inbox's survey settings: how the rating is picked, the survey's text, and which conversations get it. */
export type CsatConfig = Schemas['CsatConfig'];

/** The survey's text where the inbox sets none. */
export const standardSurveyText = 'Please rate the conversation';

export type SurveyDisplayType = NonNullable<CsatConfig['display_type']>;

export const surveyDisplayType = (config: CsatConfig): SurveyDisplayType => config.display_type ?? 'emoji';

export const surveyText = (config: CsatConfig): string =>
  config.message?.trim() ? config.message : standardSurveyText;

/**
 * Whether the inbox's survey rules let a conversation with these labels have the survey: `contains` wants one of the
 * rule's labels, `does_not_contain` none of them; a rule without labels lets every conversation through. Labels are
 * compared without regard to case, as labels are everywhere else.
 */
export function surveyRulesAllow(config: CsatConfig, labels: readonly string[]): boolean {
  const rules = config.survey_rules;
  if (!rules || rules.values.length === 0) return true;
  const carried = new Set(labels.map((label) => label.toLowerCase()));
  const carriesOne = rules.values.some((label) => carried.has(label.toLowerCase()));
  return rules.operator === 'contains' ? carriesOne : !carriesOne;
}
