// Copies what tsc does not: the icons (referenced by `file:` paths) and each node's codex JSON.
const path = require('path');
const { parallel, task, src, dest } = require('gulp');

const copyIcons = () => src(path.resolve('icons', '*.{png,svg}')).pipe(dest(path.resolve('dist', 'icons')));
const copyCodex = () => src(path.resolve('nodes', '**', '*.node.json')).pipe(dest(path.resolve('dist', 'nodes')));

task('build:icons', parallel(copyIcons, copyCodex));
