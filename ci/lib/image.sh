# shellcheck shell=bash
# Writes container images as docker-save archives and loads them into the local Docker engine.
#
# Why not `docker build` or `docker import`: there is no registry to pull a base from, and `docker import`
# stamps the current time into the image, so the same inputs would give a new image id on every run.
# Here every byte is fixed (file order, mtimes, owners, the creation date), so the same root filesystem
# and the same config always give the same image id.
#
# Usage (source this file; the caller owns and removes the archive directory):
#   image_archive_add  ARCHIVE_DIR ROOTFS TAG CONFIG_JSON CREATED_BY
#   image_archive_load ARCHIVE_DIR
# CONFIG_JSON is the image's "config" object, written verbatim (User, Env, Entrypoint, Cmd, Labels...);
# build strings in it with json_string / json_array. Several images may be added before one load, which
# is much faster than one `docker load` per image; identical layers are stored once.
# Locals are prefixed so that a caller's globals (often readonly, under set -u) never collide with them.
# The caller must set the modes of ROOTFS itself: tar records them, so they are part of the image id.

# Prints S as a JSON string literal. Refuses control characters rather than guessing an escape.
json_string() {
  local js_s=$1
  if [[ $js_s == *[[:cntrl:]]* ]]; then
    echo "json_string: control character in '$js_s'" >&2
    return 1
  fi
  js_s=${js_s//\\/\\\\}
  js_s=${js_s//\"/\\\"}
  printf '"%s"' "$js_s"
}

# Prints its arguments as a JSON array of strings.
json_array() {
  local ja_out="" ja_word ja_quoted
  for ja_word in "$@"; do
    ja_quoted=$(json_string "$ja_word") || return 1
    ja_out+="${ja_out:+,}$ja_quoted"
  done
  printf '[%s]' "$ja_out"
}

# The engine's name for this machine's architecture (an image for another one would not run here).
image_architecture() {
  case "$(uname -m)" in
    x86_64) echo amd64 ;;
    aarch64 | arm64) echo arm64 ;;
    *) uname -m ;;
  esac
}

image_archive_add() {
  local ia_dir=$1 ia_rootfs=$2 ia_tag=$3 ia_config=$4 ia_created_by=$5
  local ia_layer ia_diff_id ia_image_id ia_history_by ia_tag_json
  ia_history_by=$(json_string "$ia_created_by") || return 1
  ia_tag_json=$(json_string "$ia_tag") || return 1
  mkdir -p "$ia_dir"
  ia_layer="$ia_dir/layer.tmp.tar"
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$ia_rootfs" -cf "$ia_layer" .
  ia_diff_id=$(sha256sum "$ia_layer" | cut -d' ' -f1)
  mv -f "$ia_layer" "$ia_dir/$ia_diff_id.tar"
  # The image id is the sha256 of exactly these bytes, so their layout is part of the contract too.
  cat >"$ia_dir/config.tmp.json" <<JSON
{"architecture":"$(image_architecture)","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":$ia_config,
 "rootfs":{"type":"layers","diff_ids":["sha256:$ia_diff_id"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":$ia_history_by}]}
JSON
  ia_image_id=$(sha256sum "$ia_dir/config.tmp.json" | cut -d' ' -f1)
  mv -f "$ia_dir/config.tmp.json" "$ia_dir/$ia_image_id.json"
  printf '{"Config":"%s.json","RepoTags":[%s],"Layers":["%s.tar"]}\n' \
    "$ia_image_id" "$ia_tag_json" "$ia_diff_id" >>"$ia_dir/manifest.lines"
}

image_archive_load() {
  local ia_dir=$1
  printf '[%s]\n' "$(paste -sd, "$ia_dir/manifest.lines")" >"$ia_dir/manifest.json"
  rm -f "$ia_dir/manifest.lines"
  tar --sort=name --mtime=@0 --owner=0 --group=0 -C "$ia_dir" -cf - . | docker load -q >/dev/null
}
