import { ImpactRanker, type RankerSettings } from './impact-ranker.js';
import type { FrozenPostings } from './frozen-postings.js';
import type { SearchIndex } from './index-shape.js';
import type { SearchSettings } from './search-settings.js';

// One ranker per frozen postings and settings object: search-time settings are read from the
// index on every query, so an index given other settings (as the tuning bench does) ranks by
// those, while the ranker's cached postings are reused for as long as both stay the same.
const rankers = new WeakMap<FrozenPostings, WeakMap<SearchSettings, ImpactRanker>>();

/** The ranker's view of the search settings (field boosts by engine field name). */
export function rankerSettingsOf(settings: SearchSettings): RankerSettings {
  return {
    fieldBoosts: { title: settings.boost.title, abstract: settings.boost.abstract, searchAliases: settings.boost.aliases },
    bm25: settings.bm25,
    coordination: settings.coordination,
  };
}

export function rankerOf(index: SearchIndex): ImpactRanker {
  // An index of several segments keeps rankers of its own (segments.ts).
  if (index.segments) return index.segments.ranker(index.settings);
  let bySettings = rankers.get(index.postings);
  if (!bySettings) rankers.set(index.postings, (bySettings = new WeakMap()));
  let ranker = bySettings.get(index.settings);
  if (!ranker) {
    ranker = new ImpactRanker(index.postings, rankerSettingsOf(index.settings), index.papers.position);
    bySettings.set(index.settings, ranker);
  }
  return ranker;
}
