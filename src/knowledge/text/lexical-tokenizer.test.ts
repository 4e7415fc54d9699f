import { describe, expect, it } from 'vitest';

import { tokenizeForIndex, tokenizeQuery } from './lexical-tokenizer.js';

describe('tokenizeForIndex', () => {
  it.each([
    ['getUserById', 'get_user_by_id getuserbyid get user by id'],
    ['snake_case_name', 'snake_case_name snake case name'],
    ['HTTPServer2', 'http_server2 httpserver2 http server2'],
    ['os.path.join', 'os_path_join os path join'],
    ['--max-steps', 'max_steps max steps'],
    ['kebab-case', 'kebab_case kebab case'],
    ['std::vector', 'std_vector std vector'],
    ['XMLHttpRequest.send()', 'xml_http_request_send xmlhttprequest xml http request send'],
    ['SCREAMING_CASE', 'screaming_case screaming case'],
  ])('splits the identifier %s', (input, expected) => {
    expect(tokenizeForIndex(input)).toBe(expected);
  });

  it('keeps plain words single and lowercases them', () => {
    expect(tokenizeForIndex('Retries failed Requests')).toBe('retries failed requests');
    expect(tokenizeForIndex('HTTP API')).toBe('http api');
  });

  it('makes camelCase and snake_case spellings share their compound', () => {
    const camel = tokenizeForIndex('maxRetryCount').split(' ');
    const snake = tokenizeForIndex('max_retry_count').split(' ');
    expect(camel).toContain('max_retry_count');
    expect(snake).toEqual(['max_retry_count', 'max', 'retry', 'count']);
    expect(camel).toEqual(expect.arrayContaining(snake));
  });

  it('keeps a flat spelling of camelCase words so lowercase queries match', () => {
    expect(tokenizeForIndex('JavaScript')).toBe('java_script javascript java script');
    expect(tokenizeQuery('javascript')).toEqual(['javascript']);
  });

  it('treats a plural s after an acronym as part of it', () => {
    expect(tokenizeForIndex('URLs')).toBe('urls');
    expect(tokenizeForIndex('IDsForUser')).toBe('ids_for_user idsforuser ids for user');
  });

  it('drops stopwords and single letters but keeps digits and identifier parts', () => {
    expect(tokenizeForIndex('The cat is on a mat, and x = 7 with y.')).toBe('cat mat 7');
    expect(tokenizeForIndex('THE The the')).toBe('');
    expect(tokenizeForIndex('findByIdOrThrow')).toContain(' by ');
  });

  it('ends a token at a connector that is not followed by a word character', () => {
    expect(tokenizeForIndex('the end. next-')).toBe('end next');
    expect(tokenizeForIndex('a--b')).toBe('');
    expect(tokenizeForIndex('v1.2.3')).toBe('v1_2_3 v1 2 3');
  });

  it('drops over-long runs such as hashes and base64', () => {
    const hash = 'a'.repeat(65);
    expect(tokenizeForIndex(`${hash} short`)).toBe('short');
    expect(tokenizeForIndex(`x_${hash}`)).toBe(`x_${hash}`);
    expect(tokenizeForIndex(`y_${'b'.repeat(130)}`)).toBe('');
  });

  it('handles accents and other scripts without splitting or crashing', () => {
    expect(tokenizeForIndex('Café NAÏVE Über')).toBe('café naïve über');
    expect(tokenizeForIndex('日本語のテキスト、検索。')).toBe('日本語のテキスト 検索');
    expect(tokenizeForIndex('emoji 🎉 done')).toContain('emoji');
    expect(tokenizeForIndex('İstanbulCity')).toBe('i̇stanbul_city i̇stanbulcity i̇stanbul city');
  });

  it('survives lone surrogates and control characters', () => {
    expect(tokenizeForIndex('bad \ud800 pair \udc00x \u0000 end')).toBe('bad pair \udc00x end');
  });

  it('writes terms separated by single spaces with no edge spaces', () => {
    const terms = tokenizeForIndex('  alpha,  beta;\n\tgammaDelta  ');
    expect(terms).toBe('alpha beta gamma_delta gammadelta gamma delta');
  });

  it('returns an empty string for text without terms', () => {
    expect(tokenizeForIndex('')).toBe('');
    expect(tokenizeForIndex(' ,;. -- ')).toBe('');
  });

  it('handles large inputs past its initial buffer', () => {
    const text = 'retryPolicy backoff '.repeat(20_000);
    const terms = tokenizeForIndex(text).split(' ');
    expect(terms).toHaveLength(20_000 * 5);
    expect(terms.slice(0, 5)).toEqual([
      'retry_policy',
      'retrypolicy',
      'retry',
      'policy',
      'backoff',
    ]);
    const wide = 'İİİİİİİİ '.repeat(5_000);
    expect(tokenizeForIndex(wide).split(' ')).toHaveLength(5_000);
  });
});

describe('tokenizeQuery', () => {
  it('returns the deduplicated terms in order of appearance', () => {
    expect(tokenizeQuery('How do I call getUserById and get_user_by_id?')).toEqual([
      'do',
      'call',
      'get_user_by_id',
      'getuserbyid',
      'get',
      'user',
      'by',
      'id',
    ]);
  });

  it('returns [] for a query of stopwords only', () => {
    expect(tokenizeQuery('what is the')).toEqual([]);
    expect(tokenizeQuery('')).toEqual([]);
  });
});
