#!/bin/sh
# Test plugin: says whether fd $1 (open in the parent) reached it.
if [ -e "/proc/$$/fd/$1" ]; then echo "fd $1 inherited"; else echo "fd $1 closed"; fi
