/** The job log: TIM-shaped records of what a job did and decided, and why. */
package dev.vigil.spi.log;
