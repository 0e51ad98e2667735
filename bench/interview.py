#!/usr/bin/env python3
"""bench/interview.py - a whole interview of the default questionnaire on a pseudo-terminal,
answered from an answers file (each question recognised by its text), then the peak resident
size of the backcheck process from wait4(): prints "KIB QUESTIONS".

    interview.py MEASURE BACKCHECK QUESTIONNAIRE.yaml ANSWERS.yaml

backcheck runs under bench/measure -k (MEASURE), so that the peak is backcheck's own: a
process keeps the peak of what it was before exec (here Python).
"""
import os, pty, re, select, sys, tempfile, time
import yaml

def text_of(t, lang):
    return t.get(lang) or next(iter(t.values())) if isinstance(t, dict) else str(t)

def keys(q):
    """(item id, the start of its question text without placeholders, whitespace collapsed)."""
    lang = q.get('language', 'en')
    for sec in q['sections']:
        for it in sec['items']:
            t = ' '.join(text_of(it['text'], lang).split('{')[0].split())[:40]
            yield it['id'], t

def answer_line(v):
    if isinstance(v, bool):
        return 'yes' if v else 'no'
    if isinstance(v, list):
        return ','.join(str(x) for x in v)
    return str(v)

def main():
    measure, binary, qfile, afile = sys.argv[1:5]
    q = yaml.load(open(qfile), Loader=yaml.SafeLoader)
    answers = yaml.load(open(afile), Loader=yaml.SafeLoader)
    items = list(keys(q))
    home = tempfile.mkdtemp()
    pid, fd = pty.fork()
    if pid == 0:
        env = {'TERM': 'dumb', 'HOME': home, 'LANG': 'C.UTF-8', 'LC_ALL': 'C.UTF-8',
               'INPUTRC': '/dev/null', 'COLUMNS': '200', 'PATH': os.environ['PATH']}
        os.execve(measure, [measure, '-k', '1', binary, 'run', '--no-save', '-q', qfile], env)
    seen, asked, deadline, transcript = '', 0, time.time() + 60, ''
    while time.time() < deadline:
        r, _, _ = select.select([fd], [], [], 5)
        if not r:
            break
        try:
            chunk = os.read(fd, 65536).decode('utf-8', 'replace')
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        transcript += chunk
        flat = ' '.join(seen.split())
        if not seen.rstrip(' ').endswith('>'):
            continue
        best, line = -1, ''
        for iid, t in items:
            at = flat.rfind(t)
            if at > best and iid in answers:
                best, line = at, answer_line(answers[iid])
        os.write(fd, (line + '\r').encode())
        asked += 1
        seen = ''
    _, status, ru = os.wait4(pid, 0)
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        sys.exit('interview.py: backcheck ended with status %d after %d answers' % (status, asked))
    figures = re.findall(r'^(\d+) (\d+) (\d+) (\d+)\s*$', transcript, re.M)
    if not figures:
        sys.exit('interview.py: no figures from measure')
    print(figures[-1][1], asked)

main()
