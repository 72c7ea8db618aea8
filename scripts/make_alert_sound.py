"""Writes assets/new_message.wav, the alert for a new message: two soft sine tones (a rising
fifth, 0.35 s, 16-bit mono 22.05 kHz) with short fades, so it neither clicks nor startles.
Made here rather than downloaded; run again only to change it:
    .venv/bin/python scripts/make_alert_sound.py
"""
from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22050
TONES = ((880.0, 0.14), (1318.5, 0.21))     # A5 then E6, seconds
VOLUME = 0.35
FADE = 0.02                                  # seconds in and out of each tone
TARGET = Path(__file__).resolve().parents[1] / "assets" / "new_message.wav"


def tone(frequency: float, seconds: float) -> list[int]:
    count = int(RATE * seconds)
    fade = int(RATE * FADE)
    samples = []
    for n in range(count):
        envelope = min(1.0, n / fade, (count - n) / fade) * math.exp(-3.0 * n / count)
        samples.append(int(32767 * VOLUME * envelope * math.sin(2 * math.pi * frequency * n / RATE)))
    return samples


def main() -> None:
    samples = [s for frequency, seconds in TONES for s in tone(frequency, seconds)]
    with wave.open(str(TARGET), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(struct.pack(f"<{len(samples)}h", *samples))


if __name__ == "__main__":
    main()
