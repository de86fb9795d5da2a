/** Hugging Face Daily Papers, one request per day of the window (`/daily_papers?date=YYYY-MM-DD`). */
import { parseHfDailyPapers } from '../core/sources/parse-hf-daily.js';
import { daysFrom, type FeedSource, type SourcePage } from './feed-source.js';
import { httpGet, type HttpOptions } from './http-get.js';
import { SourceFailure } from './source-failure.js';


export function hfDailySource(baseUrl: string, http: HttpOptions): FeedSource {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    name: 'hf',
    async *pages(window): AsyncIterable<SourcePage> {
      for (const day of daysFrom(window.since, window.now)) {
        const text = await httpGet(`${base}/daily_papers?date=${day}`, http).catch((error: unknown) => {
          throw error instanceof SourceFailure ? new SourceFailure(`${day}: ${error.reason}`) : error;
        });
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          throw new SourceFailure(`${day}: malformed JSON (${text.length} bytes starting ${JSON.stringify(text.slice(0, 20))})`);
        }
        const parsed = parseHfDailyPapers(body);
        if ('error' in parsed) throw new SourceFailure(`${day}: ${parsed.error}`);
        yield { papers: parsed.papers, rejected: parsed.rejected, progress: day };
      }
    },
  };
}
