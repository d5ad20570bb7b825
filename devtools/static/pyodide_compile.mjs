// Compile the static edition's pure-Python wheels to bytecode with the very Pyodide the page runs.
//
// Python compiles a module's source on every import when it finds no .pyc, and the page's file system
// is new on every visit: IPython took 2.5 s to import from source and 1.2 s from .pyc (Node, Pyodide
// 0.29). Pyodide ships its own standard library the same way (.pyc only). The bytecode must come from
// the page's CPython (3.13 in Pyodide 0.29), not the build machine's Python: hence Pyodide, in Node.
//
// Usage: node pyodide_compile.mjs <pyodide folder> <wheel> [<wheel> ...]
// Each wheel is rewritten in place: every module that compiles becomes a .pyc beside where its .py was
// (sourceless), the .py goes, RECORD is rewritten. Prints one JSON line: {"<wheel>": <modules compiled>}.
import { dirname, basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, ...wheels] = process.argv.slice(2);
if (!pyodideDir || wheels.length === 0) {
  console.error("usage: node pyodide_compile.mjs <pyodide folder> <wheel> [<wheel> ...]");
  process.exit(2);
}
const { loadPyodide } = await import(pathToFileURL(join(resolve(pyodideDir), "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: resolve(pyodideDir) + "/" });
const folders = [...new Set(wheels.map((w) => dirname(resolve(w))))];
const mounted = folders.map((folder, i) => {
  const point = `/host${i}`;
  pyodide.FS.mkdirTree(point);
  pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: folder }, point);
  return [folder, point];
});
const inPyodide = wheels.map((w) => {
  const [, point] = mounted.find(([folder]) => folder === dirname(resolve(w)));
  return `${point}/${basename(w)}`;
});
pyodide.globals.set("wheels", pyodide.toPy(inPyodide));
const result = pyodide.runPython(`
import base64, hashlib, importlib.util, io, json, marshal, warnings, zipfile

SITE = "/lib/python3.13/site-packages/"

def record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"

def compiled(path):
    with zipfile.ZipFile(path) as archive:
        files = {info.filename: archive.read(info) for info in archive.infolist() if not info.is_dir()}
    record = next(name for name in files if name.endswith(".dist-info/RECORD"))
    out, count = {}, 0
    for name, data in files.items():
        if name == record:
            continue
        if name.endswith(".py"):
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    code = compile(data, SITE + name, "exec", dont_inherit=True)
            except SyntaxError:
                out[name] = data  # kept as source: Python reports it as it would have
                continue
            out[name[:-3] + ".pyc"] = importlib._bootstrap_external._code_to_timestamp_pyc(code, 0, 0)
            count += 1
        else:
            out[name] = data
    lines = [record_line(name, data) for name, data in sorted(out.items())] + [f"{record},,"]
    out[record] = ("\\n".join(lines) + "\\n").encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(out):
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, out[name])
    with open(path, "wb") as handle:
        handle.write(buffer.getvalue())
    return count

json.dumps({path.rsplit("/", 1)[1]: compiled(path) for path in wheels})
`);
console.log(result);
