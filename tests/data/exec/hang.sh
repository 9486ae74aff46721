#!/bin/sh
# Test plugin: never finishes (its child keeps the pipe open too).
sleep 300
echo never
