#!/usr/bin/env python3
"""gen-actions.py SCS-TUI: rewrite the action tables of README.md and
man/scs-tui.1 from the action table (tui/tui.h ACTION_LIST for the help
texts, SCS-TUI --print-config for the default keys and scopes).

test-config checks that both name every action; run this after adding
one:  python3 docs/gen-actions.py build/tui/scs-tui
"""
import os
import re
import subprocess
import sys

top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def helps():
    src = open(os.path.join(top, 'tui', 'tui.h')).read()
    block = src[src.index('#define ACTION_LIST(X)'):src.index('enum action {')]
    block = re.sub(r'/\*.*?\*/', '', block.replace('\\\n', ' '), flags=re.S)
    out = {}
    for m in re.finditer(r'X\(\s*\w+,\s*"([a-z-]+)",(.*?)\)\s*(?=X\(|$)',
                         block, re.S):
        strs = re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(2))
        # keys, hint, then the help (possibly split in pieces)
        out[m.group(1)] = ''.join(strs[2:])
    return out


def actions(binary):
    env = dict(os.environ, XDG_CONFIG_HOME='/nonexistent')
    text = subprocess.run([binary, '--print-config'], capture_output=True,
                          text=True, env=env, check=True).stdout
    for line in text[text.index('keys:'):].splitlines()[1:]:
        m = re.match(r'  ([a-z-]+): (.*?)\s+# default(?:; in (.*))?$', line)
        if m:
            keys = m.group(2).strip('[]').replace('"', '').split(', ')
            yield m.group(1), [k for k in keys if k], m.group(3) or \
                'every view'


def readme(rows, h):
    lines = ['| action | keys | what it does | where |', '|---|---|---|---|']
    for name, keys, where in rows:
        k = ' '.join('`%s`' % k for k in keys) or '(none)'
        lines.append('| `%s` | %s | %s | %s |' % (name, k, h.get(name, '?'),
                                                   where))
    return '\n'.join(lines)


def man(rows, h):
    lines = ['.SS Actions',
             'Every key is an action of one table; the footer, the help',
             '.RB ( ? )', 'and', '.B \\-\\-print\\-config',
             'are made from it and show what applies in the view at hand',
             '.RB ( \\-\\-readonly', 'leaves out what writes).',
             "A view is in one scope at a time; a key means the view's "
             'action there', "first, else the console's.",
             'Each action is bound on its own in the configuration file',
             '.RB ( "keys: {create: \\(dqn\\(dq}" );',
             'two actions with one key in one scope are an error.',
             'Where text is typed (a picker, a line being edited) a key '
             'that is text types,',
             'whatever it is bound to (help is',
             '.B F1',
             'in a picker); a letter for an action that applies only there '
             'is an error.',
             'The actions, their default keys and where they apply:']
    for name, keys, where in rows:
        lines += ['.TP', '.B ' + name.replace('-', '\\-'),
                  '%s \\(em %s (%s).' % (', '.join(keys).replace('-', '\\-')
                                         or '(none)',
                                         h.get(name, '?').replace('-', '\\-'),
                                         where)]
    return '\n'.join(lines) + '\n'


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    rows = list(actions(sys.argv[1]))
    h = helps()
    p = os.path.join(top, 'README.md')
    s = open(p).read()
    i = s.index('| action | keys | what it does | where |')
    j = s.index('\n\n', i)
    open(p, 'w').write(s[:i] + readme(rows, h) + s[j:])
    p = os.path.join(top, 'man', 'scs-tui.1')
    s = open(p).read()
    i = s.index('.SS Actions\n')
    j = s.index('.SH COMMANDS')
    open(p, 'w').write(s[:i] + man(rows, h) + s[j:])


main()
