#!/bin/sh
# Copies the browser libraries the page loads (as /assets/vendor/<file>) out of
# node_modules into vendor/, which `dipgraph serve` serves and the release
# build embeds. Run after `npm ci`; copies only files that changed, so a
# second run leaves timestamps (and cargo's rebuild check) alone.
set -eu
cd "$(dirname "$0")"
mkdir -p vendor
copy() {
  src="node_modules/$1"
  dst="vendor/$(basename "$1")"
  if [ ! -f "$src" ]; then
    echo "vendor.sh: $src missing: run \`npm ci\` in web/ first" >&2
    exit 1
  fi
  cmp -s "$src" "$dst" 2>/dev/null || cp "$src" "$dst"
}
copy cytoscape/dist/cytoscape.min.js
# The fCoSE force layout (much faster than the built-in cose past ~150
# nodes) with the two libraries it needs, joined in load order into one
# file: one request instead of three.
bundle() {
  dst="vendor/$1"
  shift
  tmp="$dst.tmp"
  : > "$tmp"
  for src in "$@"; do
    if [ ! -f "node_modules/$src" ]; then
      echo "vendor.sh: node_modules/$src missing: run \`npm ci\` in web/ first" >&2
      rm -f "$tmp"
      exit 1
    fi
    printf '/* %s */\n' "$src" >> "$tmp"
    cat "node_modules/$src" >> "$tmp"
    # A `;` ends a script that lacks one; in a style sheet it would void the next rule.
    case "$dst" in (*.css) printf '\n' >> "$tmp";; (*) printf '\n;\n' >> "$tmp";; esac
  done
  if cmp -s "$tmp" "$dst"; then rm -f "$tmp"; else mv "$tmp" "$dst"; fi
}
bundle cytoscape-fcose.bundle.js \
  layout-base/layout-base.js cose-base/cose-base.js cytoscape-fcose/cytoscape-fcose.js
# The SPARQL editor: CodeMirror 5 (plain scripts, no bundler needed) with
# its SPARQL mode, bracket matching and completion pop-up, joined into one
# script and one style sheet.
bundle codemirror.bundle.js \
  codemirror/lib/codemirror.js codemirror/mode/sparql/sparql.js \
  codemirror/addon/edit/matchbrackets.js codemirror/addon/hint/show-hint.js
bundle codemirror.bundle.css codemirror/lib/codemirror.css codemirror/addon/hint/show-hint.css
