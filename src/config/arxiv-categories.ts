/**
 * arXiv's category names for the archives an ML team reads (from arXiv's category taxonomy,
 * https://arxiv.org/category_taxonomy): all of cs, stat, eess, math, plus econ, q-bio and q-fin.
 * Case matters to the API ("cs.LG", not "cs.lg").
 */
const ARCHIVES: Readonly<Record<string, readonly string[]>> = {
  cs: ['AI', 'AR', 'CC', 'CE', 'CG', 'CL', 'CR', 'CV', 'CY', 'DB', 'DC', 'DL', 'DM', 'DS', 'ET', 'FL', 'GL', 'GR', 'GT', 'HC', 'IR', 'IT', 'LG', 'LO', 'MA', 'MM', 'MS', 'NA', 'NE', 'NI', 'OH', 'OS', 'PF', 'PL', 'RO', 'SC', 'SD', 'SE', 'SI', 'SY'],
  stat: ['AP', 'CO', 'ME', 'ML', 'OT', 'TH'],
  eess: ['AS', 'IV', 'SP', 'SY'],
  math: ['AC', 'AG', 'AP', 'AT', 'CA', 'CO', 'CT', 'CV', 'DG', 'DS', 'FA', 'GM', 'GN', 'GR', 'GT', 'HO', 'IT', 'KT', 'LO', 'MG', 'MP', 'NA', 'NT', 'OA', 'OC', 'PR', 'QA', 'RA', 'RT', 'SG', 'SP', 'ST'],
  econ: ['EM', 'GN', 'TH'],
  'q-bio': ['BM', 'CB', 'GN', 'MN', 'NC', 'OT', 'PE', 'QM', 'SC', 'TO'],
  'q-fin': ['CP', 'EC', 'GN', 'MF', 'PM', 'PR', 'RM', 'ST', 'TR'],
};

export const ARXIV_CATEGORIES: ReadonlySet<string> = new Set(
  Object.entries(ARCHIVES).flatMap(([archive, subjects]) => subjects.map((s) => `${archive}.${s}`)),
);

export const ARXIV_ARCHIVES: readonly string[] = Object.keys(ARCHIVES);

/** The category as arXiv spells it when only the case is wrong ("cs.lg" -> "cs.LG"), else null. */
export function arxivCategorySpelled(name: string): string | null {
  const lower = name.toLowerCase();
  for (const category of ARXIV_CATEGORIES) if (category.toLowerCase() === lower) return category;
  return null;
}
