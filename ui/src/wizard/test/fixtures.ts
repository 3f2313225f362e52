// The wizard's fixtures, written by `crates/procedure/tests/it/ui_fixtures.rs` from the
// real engine and the real texts: tests render and assert exactly what the app would.
import type { Answer, ProcedureScreen } from '../../api';
import type { PageView } from '../../api/bindings/PageView';
import type { Summary } from '../../api/bindings/Summary';
import type { TaskListView } from '../../api/bindings/TaskListView';
import businessDe from '../../api/fixtures/wizard/business-registration.de.json';
import businessEn from '../../api/fixtures/wizard/business-registration.en.json';
import dogTaxDe from '../../api/fixtures/wizard/dog-tax-registration.de.json';
import dogTaxEn from '../../api/fixtures/wizard/dog-tax-registration.en.json';
import dogTaxExitDe from '../../api/fixtures/wizard/dog-tax-registration.exit.de.json';
import dogTaxExitEn from '../../api/fixtures/wizard/dog-tax-registration.exit.en.json';

export type WizardStep = {
  page: string;
  taskList: TaskListView | null;
  empty: PageView;
  invalid: PageView | null;
  answers: Record<string, Answer>;
  filled: PageView;
  added: PageView | null;
  removed: PageView | null;
  next: ProcedureScreen;
};

export type WizardFixture = {
  procedureId: string;
  branch: string;
  locale: string;
  draftId: string;
  first: ProcedureScreen;
  steps: WizardStep[];
  end: ProcedureScreen;
  checkAnswers: Summary | null;
  checkAnswersIncomplete: Summary;
  change: { page: string; screen: ProcedureScreen; next: ProcedureScreen } | null;
};

const all = {
  'dog-tax-registration.de': dogTaxDe,
  'dog-tax-registration.en': dogTaxEn,
  'dog-tax-registration.exit.de': dogTaxExitDe,
  'dog-tax-registration.exit.en': dogTaxExitEn,
  'business-registration.de': businessDe,
  'business-registration.en': businessEn,
} as const;

export function wizardFixture(name: keyof typeof all): WizardFixture {
  const fixture = structuredClone(all[name]) as unknown as WizardFixture;
  if (!fixture.first || !Array.isArray(fixture.steps)) throw new Error(`${name} is not a wizard fixture`);
  return fixture;
}

export function step(fixture: WizardFixture, page: string): WizardStep {
  const found = fixture.steps.find((s) => s.page === page);
  if (!found) throw new Error(`${fixture.procedureId} has no step ${page}`);
  return found;
}

export const question = (view: PageView): ProcedureScreen => ({ screen: 'question', view });
