import { debianClusterOf, preloadedLibraries } from './postgres';

describe('preloadedLibraries', () => {
  it('reads the list SHOW prints, quoted entries included', () => {
    expect(preloadedLibraries('')).toEqual([]);
    expect(preloadedLibraries('auto_explain, "my lib",pg_stat_statements')).toEqual(['auto_explain', 'my lib', 'pg_stat_statements']);
  });
});

describe('debianClusterOf', () => {
  it('finds the version and name of a Debian cluster from its config file', () => {
    expect(debianClusterOf('/etc/postgresql/15/main/postgresql.conf')).toEqual({ version: '15', name: 'main' });
  });

  it('is undefined for a server configured elsewhere', () => {
    expect(debianClusterOf('/var/lib/postgresql/data/postgresql.conf')).toBeUndefined();
  });
});
