// Which detector keywords occur in a text, in one pass over it: an Aho-Corasick automaton compiled to a
// dense table over ASCII. The detectors' keywords number in the hundreds; as one regex alternation
// irregexp tried every branch at every offset and the prefilter cost more than all the detectors it
// saved (1.4 ms of a 255 KB content check). A table step per character costs the same whatever the
// number of keywords, and it reports every keyword, overlapping ones included.

const WIDTH = 128;

export interface KeywordAutomaton {
  /** Keywords present in `lower` (already lower-cased, as the keywords are). */
  present(lower: string): Set<string>;
}

export function keywordAutomaton(keywords: readonly string[]): KeywordAutomaton {
  const words = [...new Set(keywords)].filter((k) => k.length > 0);
  const ascii = words.filter((k) => [...k].every((c) => c.charCodeAt(0) < WIDTH));
  // A keyword outside ASCII (none today) is looked for the plain way rather than widening the table.
  const others = words.filter((k) => !ascii.includes(k));

  const states = 1 + ascii.reduce((n, k) => n + k.length, 0);
  const next = new Int32Array(states * WIDTH).fill(-1);
  const outputs: string[][] = [[]];
  let count = 1;
  for (const k of ascii) {
    let s = 0;
    for (let i = 0; i < k.length; i++) {
      const slot = s * WIDTH + k.charCodeAt(i);
      if (next[slot] < 0) {
        next[slot] = count++;
        outputs.push([]);
      }
      s = next[slot];
    }
    outputs[s].push(k);
  }

  // Breadth first: each state's failure link is the longest proper suffix that is also a prefix; missing
  // transitions are filled from the failure state, so scanning never follows links at run time.
  const fail = new Int32Array(count);
  const queue: number[] = [];
  for (let c = 0; c < WIDTH; c++) {
    const t = next[c];
    if (t < 0) next[c] = 0;
    else {
      fail[t] = 0;
      queue.push(t);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const s = queue[head];
    if (outputs[fail[s]].length > 0) outputs[s] = [...outputs[s], ...outputs[fail[s]]];
    for (let c = 0; c < WIDTH; c++) {
      const slot = s * WIDTH + c;
      const t = next[slot];
      if (t < 0) next[slot] = next[fail[s] * WIDTH + c];
      else {
        fail[t] = next[fail[s] * WIDTH + c];
        queue.push(t);
      }
    }
  }
  const reporting = new Uint8Array(count);
  for (let s = 0; s < count; s++) reporting[s] = outputs[s].length > 0 ? 1 : 0;

  return {
    present(lower: string): Set<string> {
      const found = new Set<string>();
      let s = 0;
      for (let i = 0; i < lower.length; i++) {
        const c = lower.charCodeAt(i);
        s = c < WIDTH ? next[s * WIDTH + c] : 0;
        if (reporting[s] === 1) {
          for (const k of outputs[s]) found.add(k);
        }
      }
      for (const k of others) if (lower.includes(k)) found.add(k);
      return found;
    },
  };
}
