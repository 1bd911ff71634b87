import { isTopPage, pageRoute } from '../../../miniapp/src/hooks/page-route';

describe('which page may set the navigation bar title', () => {
  it('is the page on top of the stack, whatever the slashes and query', () => {
    expect(isTopPage('/pages/me/index', [{ route: 'pages/me/index' }])).toBe(true);
    expect(isTopPage('/pages/login/index?from=me', [{ route: 'pages/me/index' }, { route: '/pages/login/index' }])).toBe(true);
  });

  it('is not the login page once Me is back on top (the title would read "Sign in" on Me)', () => {
    expect(isTopPage('/pages/login/index', [{ route: 'pages/me/index' }])).toBe(false);
    expect(isTopPage('/pages/me/index', [{ route: 'pages/me/index' }, { route: 'pages/login/index' }])).toBe(false);
  });

  it('lets a page set its title when the platform does not say which is on top', () => {
    expect(isTopPage('/pages/me/index', [])).toBe(true);
    expect(isTopPage(undefined, [{ route: 'pages/me/index' }])).toBe(true);
    expect(pageRoute('/pages/me/index?a=1')).toBe('pages/me/index');
  });
});
