/**
 * Papers built to break Block Kit limits and mrkdwn: very long titles and abstracts, every
 * formatting character, surrogate pairs at the cut points, long code links.
 */
import type { Paper } from '../../../src/core/paper.js';

const base: Omit<Paper, 'id' | 'title' | 'abstract'> = {
  searchAliases: '',
  listedOn: { month: 3, day: 14 },
  sources: [{ file: 'synthetic.txt', line: 1, listedOn: { month: 3, day: 14 } }],
  codeLinks: [],
  otherLinks: [],
  sourceUpvotes: null,
};

const repeatTo = (unit: string, length: number): string => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

export function nastyPapers(): Paper[] {
  return [
    { ...base, id: 'nasty-long', title: repeatTo('Diffusion quantization for very long titles ', 300), abstract: repeatTo('diffusion quantization model ', 1900) },
    {
      ...base,
      id: 'nasty-markup',
      title: '*Bold* _italic_ ~strike~ `code` <script>&amp; <@U123> <!channel> | pipe',
      abstract: repeatTo('*diffusion* _quantization_ ~x~ `y` <b>&</b> <!here> ', 1900),
      codeLinks: ['https://github.com/a/b_c*d'],
    },
    { ...base, id: 'nasty-amps', title: repeatTo('&', 300), abstract: repeatTo('<&> diffusion ', 1900), listedOn: null },
    { ...base, id: 'nasty-emoji', title: repeatTo('🧪é', 300), abstract: repeatTo('🧪 diffusion quantization ', 1900), codeLinks: [`https://github.com/${'x'.repeat(490)}`] },
  ];
}

export const NASTY_QUERY = repeatTo('"diffusion" -x *b* <&> 🧪 ', 2000);
