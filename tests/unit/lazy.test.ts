import { describe, expect, it, vi } from 'vitest';
import { lazy } from '#shared/lazy.ts';

describe('Function: lazy()', () => {
  it('builds nothing until first use, then once', () => {
    const build = vi.fn(() => ({ built: true }));
    const value = lazy(build);
    expect(build).not.toHaveBeenCalled();
    expect(value()).toBe(value());
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('tries again after a build that threw', () => {
    const build = vi
      .fn()
      .mockImplementationOnce(() => {
        throw new Error('missing variable');
      })
      .mockReturnValue(1);
    const value = lazy(build);
    expect(value).toThrow('missing variable');
    expect(value()).toBe(1);
  });
});
