import { describe, expect, it } from 'vitest';
import * as expressMiddleware from '../index';

describe('@qontak/express-middleware', () => {
  it('exports exactly qontakAuth and qontakErrorHandler at run time', () => {
    expect(Object.keys(expressMiddleware).sort()).toEqual(['qontakAuth', 'qontakErrorHandler']);
  });
});
