const { rmSync } = require('node:fs');
const { src, dest, task } = require('gulp');

// An empty dist before each build: a file whose source was deleted must not stay behind and be published.
task('clean', async () => rmSync('dist', { recursive: true, force: true }));

// Copies node and credential icons (and the nodes' codex files) next to the compiled code, where n8n looks for them.
task('build:icons', () =>
	src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(dest('dist')),
);
