#!/usr/bin/env node
// File uploads (POST /api/v1/files). Two measurements, each next to a baseline in the same run:
//  1. a ~20 MB JPEG: upload -> thumbnail downloaded, end to end (the upload answers once the
//     thumbnail exists), and upload -> stripped full-size image downloaded (the re-encode runs
//     after the answer; a download waits for it), against a raw fs copy of the same bytes and
//     sharp's thumbnail of the same file in-process;
//  2. 20 uploads of large files at once: the server's RSS (sampled every 25 ms) against a bare
//     Node HTTP server that pipes each request body to disk (the streaming floor).
//
//   node bench/upload.mjs [--big-mb 100] [--concurrent 20] [--rounds 5]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import crypto from 'node:crypto';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { ROOT, parseArgs, startFoyer, rssKb, summary, log, fmt, sleep, freePort } from './lib/common.mjs';

const require = createRequire(path.join(ROOT, 'packages/server/package.json'));
const sharp = require('sharp');

function request(port, { method = 'GET', url, headers = {}, file }) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request({ host: '127.0.0.1', port, method, path: url, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode, headers: res.headers, body, ms: performance.now() - t0, json: () => JSON.parse(body.toString()) });
      });
    });
    req.on('error', reject);
    if (file) fs.createReadStream(file).pipe(req);
    else req.end();
  });
}

async function signIn(port) {
  const body = JSON.stringify({ organisation: { name: 'Bench AG', defaultLocale: 'en', allowedDomains: ['example.com'] }, admin: { name: 'Ada', email: 'ada@example.com', password: 'correct-horse-battery' } });
  const res = await new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/api/v1/setup', headers: { 'content-type': 'application/json' } }, (r) => {
      let s = '';
      r.on('data', (c) => (s += c));
      r.on('end', () => resolve({ status: r.statusCode, headers: r.headers, body: JSON.parse(s) }));
    });
    req.on('error', reject);
    req.end(body);
  });
  if (res.status !== 200) throw new Error(`setup ${res.status} ${JSON.stringify(res.body)}`);
  const cookie = res.headers['set-cookie'].map((c) => c.split(';')[0]).join('; ');
  return { cookie, 'x-csrf-token': res.body.csrfToken };
}

/** Samples a process's RSS until stopped; returns the samples in MB. */
function sampleRss(pid, everyMs = 25) {
  const samples = [];
  const timer = setInterval(() => samples.push(rssKb(pid) / 1024), everyMs);
  return { stop: () => (clearInterval(timer), samples) };
}

const RAW_SERVER = `
const http = require('node:http'), fs = require('node:fs'), path = require('node:path'), crypto = require('node:crypto');
const dir = process.argv[1];
const server = http.createServer((req, res) => {
  const file = path.join(dir, crypto.randomUUID());
  const out = fs.createWriteStream(file);
  req.pipe(out);
  out.on('finish', () => { res.end('{}'); fs.rm(file, () => {}); });
});
server.listen(Number(process.argv[2]), '127.0.0.1', () => console.log('READY'));
`;

async function main() {
  const args = parseArgs();
  const bigMb = Number(args['big-mb'] ?? 100);
  const concurrent = Number(args.concurrent ?? 20);
  const rounds = Number(args.rounds ?? 5);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'foyer-upload-bench-'));
  const dataDir = path.join(work, 'data');
  const foyer = await startFoyer({ dataDir });
  try {
    const auth = await signIn(foyer.port);
    await new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: foyer.port, method: 'PUT', path: '/api/v1/admin/files/settings', headers: { ...auth, 'content-type': 'application/json' } }, (r) => (r.resume(), r.on('end', resolve)));
      req.on('error', reject);
      req.end(JSON.stringify({ maxUploadBytes: (bigMb + 10) * 1024 * 1024 }));
    });

    // 1. A ~20 MB photo: noise compresses badly, like a real high-ISO camera image.
    const jpegPath = path.join(work, 'photo.jpg');
    const w = 5600, h = 3700;
    const noise = crypto.randomBytes(w * h * 3);
    await sharp(noise, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 92 }).withExif({ IFD0: { Make: 'BenchCam' } }).toFile(jpegPath);
    const jpegBytes = fs.statSync(jpegPath).size;
    log(`image: ${w}x${h} JPEG, ${fmt(jpegBytes / 1024 / 1024, 1)} MB`);
    const endToEnd = [];
    const fullReady = [];
    const uploadOnly = [];
    const copyMs = [];
    const sharpMs = [];
    for (let i = 0; i < rounds + 1; i++) {
      const t0 = performance.now();
      const up = await request(foyer.port, { method: 'POST', url: `/api/v1/files?name=photo-${i}.jpg`, headers: { ...auth, 'content-type': 'image/jpeg', 'content-length': jpegBytes }, file: jpegPath });
      if (up.status !== 200) throw new Error(`upload ${up.status} ${up.body}`);
      const thumb = await request(foyer.port, { url: up.json().thumbUrl, headers: auth });
      if (thumb.status !== 200) throw new Error(`thumb ${thumb.status}`);
      const total = performance.now() - t0;
      // The full image: served only once re-encoded (EXIF gone); the next round starts after it,
      // so rounds do not overlap with the previous round's background work.
      const full = await request(foyer.port, { url: up.json().url, headers: auth });
      if (full.status !== 200) throw new Error(`full ${full.status}`);
      if (full.body.includes('BenchCam')) throw new Error('full image served with its EXIF');
      const fullMs = performance.now() - t0;
      const c0 = performance.now();
      fs.copyFileSync(jpegPath, path.join(work, 'copy.jpg'));
      const c = performance.now() - c0;
      const s0 = performance.now();
      await sharp(jpegPath).rotate().resize(480, 480, { fit: 'inside' }).webp({ quality: 80 }).toBuffer();
      const s = performance.now() - s0;
      if (i === 0) continue; // warm-up
      endToEnd.push(total);
      fullReady.push(fullMs);
      uploadOnly.push(up.ms);
      copyMs.push(c);
      sharpMs.push(s);
    }
    const image = { bytes: jpegBytes, endToEnd: summary(endToEnd), upload: summary(uploadOnly), fullReady: summary(fullReady), fsCopy: summary(copyMs), sharpThumbOnly: summary(sharpMs) };
    log(`20 MB image -> thumbnail: median ${fmt(image.endToEnd.p50, 0)} ms, max ${fmt(image.endToEnd.max, 0)} ms (fs copy ${fmt(image.fsCopy.p50, 0)} ms, sharp thumbnail alone ${fmt(image.sharpThumbOnly.p50, 0)} ms)`);
    log(`20 MB image -> stripped full image downloadable: median ${fmt(image.fullReady.p50, 0)} ms, max ${fmt(image.fullReady.max, 0)} ms`);

    // 2. Many large uploads at once: PDF header + random bytes (stored as is, never decoded).
    const bigPath = path.join(work, 'big.pdf');
    const fd = fs.openSync(bigPath, 'w');
    fs.writeSync(fd, Buffer.from('%PDF-1.7\n'));
    for (let i = 0; i < bigMb; i++) fs.writeSync(fd, crypto.randomBytes(1024 * 1024));
    fs.closeSync(fd);
    const bigBytes = fs.statSync(bigPath).size;
    const burst = async (port, pid, url, headers) => {
      await sleep(300);
      const idle = rssKb(pid) / 1024;
      const sampler = sampleRss(pid);
      const t0 = performance.now();
      const results = await Promise.all(
        Array.from({ length: concurrent }, (_, i) => request(port, { method: 'POST', url: url(i), headers: { ...headers, 'content-type': 'application/pdf', 'content-length': bigBytes }, file: bigPath })),
      );
      const seconds = (performance.now() - t0) / 1000;
      const samples = sampler.stop();
      const bad = results.filter((r) => r.status !== 200);
      if (bad.length) throw new Error(`burst: ${bad.length} failed, e.g. ${bad[0].status} ${bad[0].body}`);
      return { idleMb: idle, peakMb: Math.max(...samples), growthMb: Math.max(...samples) - idle, seconds, mbPerSecond: (concurrent * bigBytes) / 1024 / 1024 / seconds };
    };
    const foyerBurst = await burst(foyer.port, foyer.pid, (i) => `/api/v1/files?name=big-${i}.pdf`, auth);
    log(`${concurrent} x ${bigMb} MB at once, Foyer: RSS idle ${fmt(foyerBurst.idleMb, 0)} MB, peak ${fmt(foyerBurst.peakMb, 0)} MB (+${fmt(foyerBurst.growthMb, 0)}), ${fmt(foyerBurst.mbPerSecond, 0)} MB/s`);
    const rawPort = await freePort();
    const rawDir = path.join(work, 'raw');
    fs.mkdirSync(rawDir);
    const raw = spawn(process.execPath, ['-e', RAW_SERVER, rawDir, String(rawPort)], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise((resolve) => raw.stdout.once('data', resolve));
    let rawBurst;
    try {
      rawBurst = await burst(rawPort, raw.pid, (i) => `/raw-${i}`, {});
    } finally {
      raw.kill();
    }
    log(`${concurrent} x ${bigMb} MB at once, bare Node pipe-to-disk: RSS idle ${fmt(rawBurst.idleMb, 0)} MB, peak ${fmt(rawBurst.peakMb, 0)} MB (+${fmt(rawBurst.growthMb, 0)}), ${fmt(rawBurst.mbPerSecond, 0)} MB/s`);
    const result = { date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, image, burst: { concurrent, fileBytes: bigBytes, foyer: foyerBurst, raw: rawBurst } };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await foyer.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
