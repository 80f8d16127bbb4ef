// Opt-in experiment (run.mjs --patched-feed): loads Foyer with the suggested home-feed fix applied
// in memory, without touching the server's files. Use with `node --import`; the loader in
// feed-fix-loader.mjs rewrites dist/queries/feeds.js at load time.
import { register } from 'node:module';

register(new URL('./feed-fix-loader.mjs', import.meta.url));
