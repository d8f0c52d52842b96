/** One renderer for the editor's table preview and the CLI's review page: model + findings → HTML. */
import type { CheckResult } from '../check';
import type { Locale } from '../rules';
import { tablesHtml, type TablesHtmlOptions } from './html';
import { tablesView, type TablesView } from './tables';

export * from './tables';
export * from './html';

/** A checked report's tables as HTML, and the grids they were drawn from. */
export function renderTables(
  result: Pick<CheckResult, 'model' | 'format' | 'proactiveFormat' | 'findings'>,
  locale: Locale,
  options: Omit<TablesHtmlOptions, 'locale' | 'findings'> = {},
): { html: string; view: TablesView } {
  const view = tablesView(result);
  return { html: tablesHtml(view, { ...options, locale, findings: result.findings }), view };
}
export * from './chart';
