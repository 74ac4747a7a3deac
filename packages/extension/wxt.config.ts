import { defineConfig } from 'wxt';

/**
 * The public half of the extension's signing key: Chromium derives the extension id from it,
 * so the id (pcnbkejblecjnjonfgipeeoldnjokhpk) is the same on every machine and in the tests.
 */
const KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAvQjp/QFsLvwZfbAkZ7Tdbtnf/J0OEOU8D5wt79T6BvU87cQdDgpLYg0PeIRuZdLBDUgcO2msQE427N0QPJiPRONFcQ4/C3NUpFOQjmaPJm8zGtbhMvHrDKpIGkdFpeokV58/hwURyJs+EA6/LPrl3XLYu4ZByt26TGnaTNNi6OxOCQ9pL0bRqpvt9b1xo8N/Ute2wlYvChjqmWTdcdGeCn8by07BUF4wo0s0+2F1rNP0QUMEJYB4SEwFR/ygexvSeEGnjKIX1rU79xBYT6Az1xTww1wxXaIrdoTbleCqjVF8kJ4Iy05RkhLUflyc7bCSdxXG3/rzsHRrzYjN3DzKUwIDAQAB';

/** Servers on this machine need no prompt; any other server is asked for in the options. */
const LOCAL_SERVERS = ['http://127.0.0.1/*', 'http://localhost/*'];
const OTHER_SERVERS = ['http://*/*', 'https://*/*'];

export default defineConfig({
  srcDir: 'src',
  // Every module imports what it uses, so the sources typecheck without WXT's generated files.
  imports: false,
  vite: () => ({
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  }),
  manifest: ({ browser }) => ({
    name: 'Guanxi',
    description: 'The Guanxi customer card beside your mail and on the sites you choose',
    permissions: ['storage', 'activeTab'],
    host_permissions: LOCAL_SERVERS,
    // Firefox's Manifest V2 asks for optional hosts among its optional permissions.
    ...(browser === 'firefox'
      ? {
          optional_permissions: OTHER_SERVERS,
          browser_specific_settings: {
            gecko: {
              id: 'extension@guanxi.local',
              // Addresses, names and the mail the rep logs go to the team's Guanxi server.
              data_collection_permissions: { required: ['contactInfo', 'websiteContent'] },
            },
          },
        }
      : { optional_host_permissions: OTHER_SERVERS, key: KEY }),
  }),
});
