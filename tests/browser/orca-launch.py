# Starts Orca (Debian 12's Orca 43) for tests/browser/screen-reader.test.ts, which reads what it speaks from the
# SPEECH OUTPUT lines of the debug file. Usage: /usr/bin/python3 orca-launch.py DEBUG_FILE PREFS_DIR
# (Not named orca.py: the script's folder comes first on sys.path and would hide the orca package.)
#
# Why not `orca --replace --debug-file=FILE`:
# - --replace SIGKILLs every other Orca of this user on the machine (`pgrep -x orca`), a parallel test run's included,
#   and without it Orca refuses to start while any other runs. Orca's own main runs here instead, under the process
#   name python3, without that check: one run per Xvfb display and D-Bus session, none disturbing another.
# - Orca's start-up waits for speech-dispatcher; one left wedged by an earlier session (no audio device here) makes that
#   wait pass Orca's 10 s hang guard, which kills Orca with SIGKILL before it reads anything ("Orca read nothing").
#   No speech server is used: Orca still logs every utterance, which is all the test needs.
# - The debug file is line-buffered, so each utterance is in it as soon as Orca speaks (Orca's own open() buffers 8 KB).
import sys

debug_file, prefs_dir = sys.argv[1], sys.argv[2]

from orca import debug  # noqa: E402

debug.debugLevel = debug.LEVEL_ALL
debug.eventDebugLevel = debug.LEVEL_OFF
debug.debugFile = open(debug_file, "w", buffering=1, encoding="utf-8")

from orca import orca  # noqa: E402

manager = orca.getSettingsManager()
# Key echo off: the test listens for what the page makes Orca say, not for the names of the keys it presses.
manager.activate(prefs_dir, {"speechServerFactory": "", "enableKeyEcho": False})
sys.path.insert(0, manager.getPrefsDir())
sys.exit(orca.main())
