package io.ludus.sim.content;

/** What a class spends on abilities. Both regenerate per tick; they differ in pool size and pace. */
public enum ResourceKind { MANA, ENERGY }
