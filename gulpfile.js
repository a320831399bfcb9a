// Copies the icons into dist/, where the compiled node and credential reference them with `file:` paths.
const path = require('path');
const { task, src, dest } = require('gulp');

task('build:icons', () => src(path.resolve('icons', '*.{png,svg}')).pipe(dest(path.resolve('dist', 'icons'))));
